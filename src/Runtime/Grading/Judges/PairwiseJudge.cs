namespace ItemEval.Runtime.Grading.Judges;

/// <summary>
/// Judges one ordering of two conditions' answers to the same item: the grading's solution in the first position
/// (<c>{output_a}</c>), the other in the second (<c>{output_b}</c>). Score 1 means the first won, 0 the second,
/// 0.5 a tie. Grade asks every pair in both orders; Reporting/Judges combines the two verdicts.
/// </summary>
public sealed class PairwiseJudge : LlmJudge
{
    public override string Type => "pairwise";

    protected override IReadOnlyDictionary<string, string> Answers(GradingContext context) =>
        new Dictionary<string, string>(StringComparer.Ordinal) { ["output_a"] = context.Output, ["output_b"] = context.SecondOutput ?? "" };

    protected override Verdict Parse(GradingContext context, string text, string? finishReason) =>
        PairwiseVerdictParser.Parse(text, finishReason);

    protected override GradeOutcome Grade(GradingContext context, JudgeAnswer answer, Verdict verdict) =>
        answer.Outcome(verdict, verdict.Value, verdict.Value == 1, null);
}
