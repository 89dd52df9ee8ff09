using ItemEval.Runtime.Config;
using ItemEval.Runtime.Grading;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;
using ItemEval.Runtime.Tests.Grading;

namespace ItemEval.Runtime.Tests.Stages;

public sealed class GradeStageTests
{
    /// <summary>Ten items under two templates: twenty solutions, each graded once by the study's numeric grader.</summary>
    private const int Gradings = 20;

    [Fact]
    public async Task A_grader_that_throws_costs_only_those_gradings_and_only_they_run_again()
    {
        using var study = await GeneratedStudy();
        var flaky = new ScriptedGrader("numeric", (_, context, _) => context.Item.Id is "q2" or "q5"
            ? throw new InvalidOperationException("judge unreachable")
            : Task.FromResult(ScriptedGrader.Pass));
        var healthy = new ScriptedGrader("numeric", (_, _, _) => Task.FromResult(ScriptedGrader.Pass));

        var first = await GradeStage.RunAsync(study.Context(), CancellationToken.None, GraderRegistry.Default.With(flaky));
        var afterFirst = Statuses(study);
        var second = await GradeStage.RunAsync(study.Context(), CancellationToken.None, GraderRegistry.Default.With(healthy));

        Assert.Equal((Gradings, 4), (first.NewGradings, first.FailedGradings));
        Assert.Equal(4, afterFirst.Count(row => row is { Status: GradingStatus.Error, Error: "judge unreachable", Score: null }));
        Assert.Equal(16, afterFirst.Count(row => row is { Status: GradingStatus.Done, Score: 1.0 }));
        var reported = Assert.Single(study.Reporter.Diagnostics);
        Assert.Equal(DiagnosticCodes.GradingFailed, reported.Code);
        Assert.Contains("4 grading(s) failed (first: judge unreachable)", reported.Message, StringComparison.Ordinal);
        Assert.Equal(["q2", "q2", "q5", "q5"], healthy.Asked.Select(context => context.Item.Id).Order());
        Assert.Equal((4, 0), (second.NewGradings, second.FailedGradings));
        Assert.All(Statuses(study), row => Assert.Equal(GradingStatus.Done, row.Status));
    }

    [Fact]
    public async Task A_cancelled_grade_keeps_what_it_graded_and_the_next_grade_does_only_the_rest()
    {
        using var study = await GeneratedStudy();
        using var cancellation = new CancellationTokenSource();
        var stopping = new ScriptedGrader("numeric", async (call, _, token) =>
        {
            if (call <= 5)
            {
                return ScriptedGrader.Pass;
            }

            if (call == 6)
            {
                await cancellation.CancelAsync();
            }

            // Like a judge still waiting for its model when the user pressed Ctrl-C.
            await Task.Delay(Timeout.Infinite, token);
            return ScriptedGrader.Pass;
        });
        var healthy = new ScriptedGrader("numeric", (_, _, _) => Task.FromResult(ScriptedGrader.Pass));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            GradeStage.RunAsync(study.Context(), cancellation.Token, GraderRegistry.Default.With(stopping)));
        var kept = Statuses(study);
        var cancelledRun = RunStatuses(study, "Grade");
        var resumed = await GradeStage.RunAsync(study.Context(), CancellationToken.None, GraderRegistry.Default.With(healthy));

        Assert.Equal(5, kept.Count);
        Assert.Equal(["cancelled"], cancelledRun);
        Assert.All(kept, row => Assert.Equal(GradingStatus.Done, row.Status));
        Assert.Equal(Gradings - 5, healthy.Asked.Count);
        Assert.Equal((Gradings - 5, Gradings), (resumed.NewGradings, resumed.PlannedGradings));
        Assert.Equal(Gradings, Statuses(study).Count);
    }

    private static async Task<TempStudy> GeneratedStudy()
    {
        var study = new TempStudy(items: 10);
        study.Prepare();
        var client = new ScriptedClient((_, request, _) => Task.FromResult(ScriptedClient.Answer($"The answer is {request.Reference}.")));
        await GenerateStage.RunAsync(study.Context(), CancellationToken.None, new ModelClientRouter(_ => client));
        return study;
    }

    private static List<GradingRow> Statuses(TempStudy study)
    {
        using var store = StudyStore.Open(study.Artifacts);
        return store.Connection.Query(
                "SELECT status, error, score FROM gradings",
                reader => new GradingRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetDouble(2)))
            .ToList();
    }

    private static List<string> RunStatuses(TempStudy study, string target)
    {
        using var store = StudyStore.Open(study.Artifacts);
        return store.Connection.Query("SELECT status FROM runs WHERE target = $target", reader => reader.GetString(0), ("target", target)).ToList();
    }

    private sealed record GradingRow(string Status, string? Error, double? Score);
}
