using System.Globalization;

namespace ItemEval.Runtime.Grading.Judges;

/// <summary>
/// Asks whether an answer complies with a policy or spec statement — the item's <c>statement_column</c> (a metadata
/// column) or one statement file for all items. Score 1 compliant, 0 not; the detail keeps confidence and explanation.
/// </summary>
public sealed class ComplianceJudge : LlmJudge
{
    public override string Type => "compliance";

    protected override string? Statement(GradingContext context, JudgePrompt prompt) =>
        context.Grader.Judge!.StatementColumn is { } column ? context.Item.Metadata.GetValueOrDefault(column, "") : prompt.Statement?.TrimEnd();

    protected override Verdict Parse(GradingContext context, string text, string? finishReason) =>
        ComplianceVerdictParser.Parse(text, finishReason);

    protected override GradeOutcome Grade(GradingContext context, JudgeAnswer answer, Verdict verdict)
    {
        var confidence = verdict.Confidence is { } c ? c.ToString("0.###", CultureInfo.InvariantCulture) : "?";
        return answer.Outcome(verdict, verdict.Value, verdict.Value == 1, $"confidence {confidence}: {verdict.Reasoning}");
    }
}
