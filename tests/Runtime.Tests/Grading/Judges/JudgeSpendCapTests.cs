using ItemEval.FakeProviders;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;
using ItemEval.Runtime.Tests.Providers;

namespace ItemEval.Runtime.Tests.Grading.Judges;

/// <summary>Judges spend under the same hard cap as generation: Grade stops starting judge calls before max_usd.</summary>
public sealed class JudgeSpendCapTests : FakeServerTest
{
    private const decimal Cap = 0.25m;

    [Fact]
    public async Task Grade_stops_before_the_cap_stores_what_was_judged_and_a_rerun_pays_for_nothing_more()
    {
        Server.Behavior.Reply = prompt => prompt.StartsWith(JudgedStudy.JudgeMarker, StringComparison.Ordinal) ? "Rating: [[9]]" : "The answer is 2.";
        using var study = JudgedStudy.Create(Server.BaseUrl, JudgedStudy.Rubric("correct", Server.BaseUrl, judge: "openai/" + JudgedStudy.OpenAIJudge), items: 40);
        File.WriteAllText(study.StudyFile, File.ReadAllText(study.StudyFile)
            .Replace("max_usd: 5", $"max_usd: {Cap}", StringComparison.Ordinal)
            .Replace($"openai/{JudgedStudy.OpenAIJudge}: {{input: 3, output: 15}}", $"openai/{JudgedStudy.OpenAIJudge}: {{input: 1000, output: 1000}}", StringComparison.Ordinal)
            .Replace("max_tokens: 256", "max_tokens: 16", StringComparison.Ordinal));
        await JudgedStudy.GenerateAsync(study);

        var stopped = await Assert.ThrowsAsync<StudyException>(() => GradeStage.RunAsync(study.Context(), CancellationToken.None));
        var requests = Server.RequestCount;
        var again = await Assert.ThrowsAsync<StudyException>(() => GradeStage.RunAsync(study.Context(), CancellationToken.None));

        Assert.Equal(DiagnosticCodes.OverBudget, Assert.Single(stopped.Diagnostics).Code);
        Assert.Equal(DiagnosticCodes.OverBudget, Assert.Single(again.Diagnostics).Code);
        Assert.Equal(requests, Server.RequestCount);
        var billed = Server.BilledUsd(model => model == JudgedStudy.OpenAIJudge ? new FakePrice(1000, 1000) : new FakePrice(1, 1));
        using var store = StudyStore.Open(study.Artifacts);
        // A judge call is reserved at its worst case (prompt bytes as tokens + max_tokens, about $0.2 here), so Grade
        // stops once that no longer fits: well before the cap, and never above it.
        Assert.InRange(billed, 0.01m, Cap);
        Assert.Equal(billed, store.Ledger.TotalUsd());
        var judged = Server.BilledRequests.Count(request => request.Model == JudgedStudy.OpenAIJudge);
        Assert.InRange(judged, 1, 39);
        Assert.Equal(judged, Convert.ToInt32(store.Connection.Scalar("SELECT count(*) FROM gradings WHERE status = 'done'")));
        Assert.Equal(0, Convert.ToInt32(store.Connection.Scalar("SELECT count(*) FROM gradings WHERE status = 'error'")));
    }
}
