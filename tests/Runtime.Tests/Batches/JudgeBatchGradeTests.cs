using ItemEval.FakeProviders;
using ItemEval.Runtime.Grading.Judges;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;
using ItemEval.Runtime.Tests.Grading.Judges;
using ItemEval.Runtime.Tests.Providers;
using ItemEval.Runtime.Tests.Stages;

namespace ItemEval.Runtime.Tests.Batches;

/// <summary>
/// Grade sending judge calls through the provider's batch API (the real stage, a real store, the fake provider's Files +
/// Batches endpoints): a rubric and a pairwise judge on an OpenAI-style model with <c>batch: true</c>.
/// </summary>
public sealed class JudgeBatchGradeTests : FakeServerTest
{
    private const string Judge = JudgedStudy.OpenAIJudge;

    /// <summary>What the rubric judge answers per item (by its question): two verdicts and two parse failures.</summary>
    private static readonly Dictionary<string, string> RubricReplies = new(StringComparer.Ordinal)
    {
        ["What is 1 + 1?"] = "Matches the reference.\nRating: [[7]]",
        ["What is 2 + 2?"] = "The answer looks fine to me.",
        ["What is 3 + 3?"] = "Rating: [[11]]",
        ["What is 4 + 4?"] = """{"score": 10, "reasoning": "exact"}""",
    };

    /// <summary>$3 in / $15 out per million tokens, as JudgedStudy prices the OpenAI judge.</summary>
    private static readonly FakePrice JudgePrice = new(3, 15);

    [Fact]
    public async Task A_rubric_and_a_pairwise_judge_go_in_one_batch_and_their_verdicts_are_stored_at_the_batch_rate()
    {
        using var study = await GeneratedAsync();
        Server.OpenAIBatches.Behavior.Shuffle = true;
        Server.OpenAIBatches.Behavior.PollsInProgress = 2;

        var result = await GradeStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.Equal((16, 0, 0), (result.NewGradings, result.FailedGradings, result.WaitingInBatches));
        Assert.Equal(1, Server.OpenAIBatches.CreatedCount);
        Assert.Equal(0, Server.Requests.Count(request => (string?)request.Body["model"] == Judge)); // no interactive judge call
        Assert.Equal(16, Server.BilledRequests.Count(bill => bill.Model == Judge && bill.Reason == BillingReason.Batch));
        var rubric = JudgedStudy.Gradings(study, "correct");
        Assert.Equal(
            [
                ("q1", "done", null), ("q1", "done", null), ("q2", "parse_failure", VerdictCodes.NoVerdict), ("q2", "parse_failure", VerdictCodes.NoVerdict),
                ("q3", "parse_failure", VerdictCodes.OutOfRange), ("q3", "parse_failure", VerdictCodes.OutOfRange), ("q4", "done", null), ("q4", "done", null),
            ],
            rubric.Select(row => (row.ItemId, row.Status, row.Code)));
        Assert.All(rubric, row => Assert.Equal(RubricReplies[$"What is {row.ItemId[1..]} + {row.ItemId[1..]}?"], row.Raw));
        Assert.All(rubric, row => Assert.NotNull(row.Transcript));
        Assert.Equal([6.0 / 9, 6.0 / 9, 1.0, 1.0], rubric.Where(row => row.Status == "done").Select(row => row.Score!.Value));

        using var store = StudyStore.Open(study.Artifacts);
        var pairwise = store.Connection.Query("SELECT status, score FROM gradings WHERE grader = 'head2head'", reader => (reader.GetString(0), reader.GetDouble(1))).ToList();
        Assert.Equal(8, pairwise.Count); // 4 items, one pair of conditions, both orders
        Assert.All(pairwise, row => Assert.Equal(("done", 1.0), row)); // [[A]]: the first position won
        var billed = Server.BilledUsd(model => model == Judge ? JudgePrice : new FakePrice(0, 0));
        Assert.True(billed > 0);
        Assert.Equal(billed, Decimal(store, "SELECT sum(usd) FROM ledger WHERE kind = 'judge' AND batch"));
        Assert.Equal(billed, Decimal(store, "SELECT sum(usd) FROM gradings WHERE batch_id IS NOT NULL"));
        Assert.Equal(0L, store.Connection.Scalar("SELECT count(*) FROM ledger WHERE kind = 'judge' AND NOT batch"));
        // The batch rate: half of what the rows' tokens cost at list price.
        Assert.Equal(
            Decimal(store, "SELECT sum(input_tokens * 3 + output_tokens * 15) / 1e6 FROM gradings") / 2,
            Decimal(store, "SELECT sum(usd) FROM gradings"));
        Assert.Equal(("grade", "collected"), ((string)store.Connection.Scalar("SELECT stage FROM batches")!, (string)store.Connection.Scalar("SELECT state FROM batches")!));
    }

    [Fact]
    public async Task A_second_grade_asks_nothing_again_and_an_interactive_rerun_is_served_from_the_cache()
    {
        using var study = await GeneratedAsync();
        await GradeStage.RunAsync(study.Context(), CancellationToken.None);

        var again = await GradeStage.RunAsync(study.Context(), CancellationToken.None);
        Assert.Equal(0, again.NewGradings);
        Assert.Equal(1, Server.OpenAIBatches.CreatedCount);

        // Gradings lost (their rows deleted) and batching turned off: the interactive calls hit the response cache.
        using (var store = StudyStore.Open(study.Artifacts))
        {
            store.Connection.Execute("DELETE FROM gradings");
        }

        File.WriteAllText(study.StudyFile, File.ReadAllText(study.StudyFile).Replace("batch: true", "batch: false", StringComparison.Ordinal));
        var interactive = await GradeStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.Equal(16, interactive.NewGradings);
        Assert.Equal(0, Server.Requests.Count(request => (string?)request.Body["model"] == Judge));
        Assert.Equal(16, Server.BilledRequests.Count(bill => bill.Model == Judge));
    }

    [Fact]
    public async Task No_wait_leaves_grade_incomplete_generate_never_collects_the_judge_batch_and_the_next_grade_does()
    {
        using var study = await GeneratedAsync();
        Server.OpenAIBatches.Behavior.PollsInProgress = 1;

        var submitted = await GradeStage.RunAsync(study.Context(new StageOptions(NoWait: true)), CancellationToken.None);

        Assert.Equal((0, 16), (submitted.NewGradings, submitted.WaitingInBatches));
        Assert.DoesNotContain(Server.BilledRequests, bill => bill.Model == Judge);
        using (var store = StudyStore.Open(study.Artifacts))
        {
            Assert.Equal("grade", store.Connection.Scalar("SELECT stage FROM batches"));
            Assert.Equal(16L, store.Connection.Scalar("SELECT count(*) FROM batch_cells"));
        }

        // Generate has nothing to do with a grading batch: it neither polls nor collects it.
        var reads = Server.OpenAIBatches.Reads["batch_fake1"];
        await GenerateStage.RunAsync(study.Context(), CancellationToken.None);
        Assert.Equal(reads, Server.OpenAIBatches.Reads["batch_fake1"]);

        var collected = await GradeStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.Equal((16, 0), (collected.NewGradings, collected.WaitingInBatches));
        Assert.Equal(1, Server.OpenAIBatches.CreatedCount);
        Assert.Equal(1, Server.OpenAIBatches.UploadCount);
        Assert.Equal(16, Server.BilledRequests.Count(bill => bill.Model == Judge));
        Assert.Contains(study.Reporter.Lines, line => line.Contains("re-attached to batch batch_fake1 of openai/" + Judge, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Errored_judge_lines_become_errored_gradings_that_the_next_grade_asks_again_alone()
    {
        using var study = await GeneratedAsync();
        Server.OpenAIBatches.Behavior.Fails = prompt => prompt.StartsWith(JudgedStudy.JudgeMarker, StringComparison.Ordinal) && prompt.Contains("What is 1 + 1?", StringComparison.Ordinal);

        var first = await GradeStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.Equal(4, first.FailedGradings); // q1: two rubric calls and the pair in both orders
        Server.OpenAIBatches.Behavior.Fails = _ => false;
        var second = await GradeStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.Equal((4, 0), (second.NewGradings, second.FailedGradings));
        Assert.Equal(2, Server.OpenAIBatches.CreatedCount);
        Assert.Equal(16, Server.BilledRequests.Count(bill => bill.Model == Judge)); // 12 answered, then the 4 that failed
    }

    /// <summary>A study of two conditions on four items, generated interactively (a full run: the dev policy never batches), whose two judges batch on one OpenAI model.</summary>
    private async Task<TempStudy> GeneratedAsync()
    {
        Server.Behavior.Reply = prompt => !prompt.StartsWith(JudgedStudy.JudgeMarker, StringComparison.Ordinal)
            ? "The answer is 2."
            : prompt.Contains("[[A]], [[B]]", StringComparison.Ordinal)
                ? "[[A]]"
                : RubricReplies[prompt.Split('\n').Single(line => line.StartsWith("Question: ", StringComparison.Ordinal))["Question: ".Length..]];
        var study = JudgeBatchStudy.Create(Server.BaseUrl, JudgeBatchStudy.RubricAndPairwise(JudgeBatchStudy.Model(Server.BaseUrl, JudgeBatchStudy.OpenAIJudge, batch: true)), conditions: 2);
        await JudgedStudy.GenerateAsync(study);
        return study;
    }

    private static decimal Decimal(StudyStore store, string sql) => Convert.ToDecimal(store.Connection.Scalar(sql), System.Globalization.CultureInfo.InvariantCulture);
}
