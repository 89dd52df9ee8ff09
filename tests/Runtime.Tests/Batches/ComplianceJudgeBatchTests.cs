using ItemEval.FakeProviders;
using ItemEval.Runtime.Grading.Judges;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;
using ItemEval.Runtime.Tests.Grading.Judges;
using ItemEval.Runtime.Tests.Providers;
using ItemEval.Runtime.Tests.Stages;

namespace ItemEval.Runtime.Tests.Batches;

/// <summary>
/// A compliance judge (each item's statement from <c>statement_column</c>) whose calls go through the provider's batch
/// API: the answers read by the compliance contract exactly as an interactive run reads the same answers.
/// </summary>
public sealed class ComplianceJudgeBatchTests : FakeServerTest
{
    private static readonly string[] Policies = ["Be brief.", "Answer in French.", "Cite a source.", "Be polite."];

    [Theory]
    [InlineData(JudgeBatchStudy.AnthropicJudge)]
    [InlineData(JudgeBatchStudy.OpenAIJudge)]
    public async Task Batched_verdicts_flags_and_compliance_rate_equal_an_interactive_run_over_the_same_answers(string judge)
    {
        Server.Behavior.Reply = Reply;
        var fake = BatchFake.For(Server, judge);
        fake.Behavior.Shuffle = true;
        using var batched = await GeneratedAsync(judge, batch: true);

        var result = await GradeStage.RunAsync(batched.Context(), CancellationToken.None);
        ExportStage.Run(batched.Context());

        Assert.Equal((4, 0), (result.NewGradings, result.WaitingInBatches));
        Assert.Equal(1, fake.CreatedCount());
        using (var store = StudyStore.Open(batched.Artifacts))
        {
            Assert.Equal(4L, store.Connection.Scalar("SELECT count(*) FROM gradings WHERE grader = 'policy' AND batch_id IS NOT NULL"));
            JudgeBooks.AssertBatchedAtTheInvoice(Server, store, judge.Split('/')[1], judge == JudgeBatchStudy.AnthropicJudge ? JudgeBatchStudy.AnthropicPrice : new FakePrice(3, 15), calls: 4);
        }

        using var interactive = await GeneratedAsync(judge, batch: false);
        await GradeStage.RunAsync(interactive.Context(), CancellationToken.None);
        ExportStage.Run(interactive.Context());

        Assert.Equal(1, fake.CreatedCount());
        Assert.Equal(4, Server.BilledRequests.Count(bill => bill.Model == judge.Split('/')[1] && bill.Reason != BillingReason.Batch));
        Assert.Equal(
            [
                "q1 done - 1 compliant",
                "q2 done - 0 not_compliant",
                $"q3 parse_failure {VerdictCodes.NoVerdict} - -",
                $"q4 parse_failure {VerdictCodes.OutOfRange} - compliant",
            ],
            Rows(batched).Select(row => row.Verdict));
        Assert.Equal(["confidence 0.75: One sentence.", "confidence 0.9: It is in English."], Rows(batched).Take(2).Select(row => row.Detail));
        Assert.Equal(Rows(interactive), Rows(batched)); // the flags' details and the raw answers too
        var rate = Assert.Single(Summary(batched));
        Assert.Equal((0.5, 2L), rate); // the compliance rate over the judged rows: q1 compliant, q2 not
        Assert.Equal(Summary(interactive), Summary(batched));
    }

    /// <summary>Per item: a verdict each way, one with no verdict, one with a confidence outside 0..1.</summary>
    private static string Reply(string prompt) =>
        !prompt.StartsWith(JudgedStudy.JudgeMarker, StringComparison.Ordinal) ? "The answer is 2."
        : prompt.Contains("Statement: Answer in French.", StringComparison.Ordinal) ? """{"compliant": false, "confidence": 0.9, "explanation": "It is in English."}"""
        : prompt.Contains("Statement: Be brief.", StringComparison.Ordinal) ? """{"compliant": true, "confidence": 0.75, "explanation": "One sentence."}"""
        : prompt.Contains("Statement: Cite a source.", StringComparison.Ordinal) ? """{"compliant": "yes"}"""
        : """{"compliant": true, "confidence": 1.5}""";

    /// <summary>Four items, each with its own statement in the <c>policy</c> column, one condition, generated interactively.</summary>
    private async Task<TempStudy> GeneratedAsync(string judge, bool batch)
    {
        var grader = $$"""
              - name: policy
                type: compliance
                model: {{JudgeBatchStudy.Model(Server.BaseUrl, judge, batch)}}
                lane: {temperature: 0, max_tokens: 128}
                template: prompts/compliance.txt
                options: {statement_column: policy}
            """;
        var study = JudgeBatchStudy.Create(Server.BaseUrl, grader, items: 4);
        File.WriteAllText(study.StudyFile, JudgeBatchStudy.Replaced(File.ReadAllText(study.StudyFile), "scheme: scheme}", "scheme: scheme, metadata: [policy]}"));
        File.WriteAllLines(Path.Combine(study.Directory, "data", "items.jsonl"), Policies.Select((policy, i) =>
            $$"""{"id": "q{{i + 1}}", "question": "What is {{i + 1}} + {{i + 1}}?", "answer": "{{2 * (i + 1)}}", "scheme": "numeric", "policy": "{{policy}}"}"""));
        File.WriteAllText(Path.Combine(study.Directory, "prompts", "compliance.txt"), JudgedStudy.JudgeMarker + "\nStatement: {statement}\nAnswer: {output}\n");
        await JudgedStudy.GenerateAsync(study);
        return study;
    }

    /// <summary>Each grading as stored: the verdict (item, status, code, score, extracted), the detail the export shows, the raw answer.</summary>
    private static List<StoredVerdict> Rows(TempStudy study)
    {
        using var store = StudyStore.Open(study.Artifacts);
        return store.Connection.Query(
                """
                SELECT i.item_id, g.status, g.verdict_code, g.score, g.extracted, g.detail, g.raw_text FROM gradings g
                JOIN solutions s ON s.cell_key = g.cell_key JOIN items i ON i.item_uid = s.item_uid WHERE g.grader = 'policy' ORDER BY 1
                """,
                reader => new StoredVerdict($"{reader.GetString(0)} {reader.GetString(1)} {Text(reader, 2)} {Text(reader, 3)} {Text(reader, 4)}", Text(reader, 5), Text(reader, 6)))
            .ToList();
    }

    private static string Text(System.Data.Common.DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? "-" : Convert.ToString(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture)!;

    private static List<(double Rate, long Graded)> Summary(TempStudy study) =>
        JudgedStudy.Exported(study, "summary", "mean_score, graded", reader => (reader.GetDouble(0), reader.GetInt64(1)));

    private sealed record StoredVerdict(string Verdict, string Detail, string Raw);
}
