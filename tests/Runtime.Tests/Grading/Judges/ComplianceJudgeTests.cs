using ItemEval.Runtime.Grading.Judges;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Tests.Providers;

namespace ItemEval.Runtime.Tests.Grading.Judges;

/// <summary>A compliance judge reading each item's statement from a metadata column, on the fake Anthropic server.</summary>
public sealed class ComplianceJudgeTests : FakeServerTest
{
    [Fact]
    public async Task Each_item_is_judged_against_its_own_statement_and_the_summary_gives_the_compliance_rate()
    {
        Server.Behavior.Reply = prompt => !prompt.StartsWith(JudgedStudy.JudgeMarker, StringComparison.Ordinal) ? "The answer is 2."
            : prompt.Contains("Statement: Answer in French.", StringComparison.Ordinal) ? """{"compliant": false, "confidence": 0.9, "explanation": "It is in English."}"""
            : prompt.Contains("Statement: Be brief.", StringComparison.Ordinal) ? """{"compliant": true, "confidence": 0.75, "explanation": "One sentence."}"""
            : prompt.Contains("Statement: Cite a source.", StringComparison.Ordinal) ? """{"compliant": "yes"}"""
            : """{"compliant": true, "confidence": 1.5}""";
        var grader = $$$"""
              - name: policy
                type: compliance
                model: {id: anthropic/{{{JudgedStudy.Judge}}}, options: {base_url: "{{{Server.BaseUrl}}}"}}
                template: prompts/compliance.txt
                options: {statement_column: policy}
            """;
        using var study = JudgedStudy.Create(Server.BaseUrl, grader, items: 4);
        File.WriteAllText(study.StudyFile, File.ReadAllText(study.StudyFile)
            .Replace("scheme: scheme}", "scheme: scheme, metadata: [policy]}", StringComparison.Ordinal));
        var policies = new[] { "Be brief.", "Answer in French.", "Cite a source.", "Be polite." };
        File.WriteAllLines(Path.Combine(study.Directory, "data", "items.jsonl"), policies.Select((policy, i) =>
            $$"""{"id": "q{{i + 1}}", "question": "What is {{i + 1}} + {{i + 1}}?", "answer": "{{2 * (i + 1)}}", "scheme": "numeric", "policy": "{{policy}}"}"""));
        File.WriteAllText(Path.Combine(study.Directory, "prompts", "compliance.txt"), JudgedStudy.JudgeMarker + "\nStatement: {statement}\nAnswer: {output}\n");
        await JudgedStudy.GenerateAsync(study);

        await GradeStage.RunAsync(study.Context(), CancellationToken.None);
        ExportStage.Run(study.Context());

        var rows = JudgedStudy.Gradings(study, "policy");
        Assert.Equal(
            [
                ("q1", "done", null, (double?)1.0, "compliant"), ("q2", "done", null, 0.0, "not_compliant"),
                ("q3", "parse_failure", VerdictCodes.NoVerdict, null, null), ("q4", "parse_failure", VerdictCodes.OutOfRange, null, "compliant"),
            ],
            rows.Select(row => (row.ItemId, row.Status, row.Code, row.Score, row.Extracted)));
        var rate = Assert.Single(JudgedStudy.Exported(study, "summary", "mean_score, graded", reader => (reader.GetDouble(0), reader.GetInt64(1))));
        Assert.Equal((0.5, 2L), rate);
        var detail = Assert.Single(JudgedStudy.Exported(study, "gradings", "detail", reader => reader.GetString(0)), text => text.StartsWith("confidence 0.75", StringComparison.Ordinal));
        Assert.Equal("confidence 0.75: One sentence.", detail);
    }
}
