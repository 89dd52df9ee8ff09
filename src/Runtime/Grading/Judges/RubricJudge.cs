namespace ItemEval.Runtime.Grading.Judges;

/// <summary>
/// Grades one answer against a rubric. The score is stored mapped onto [0, 1] (so scales average alike); the judge's
/// own number is the <c>extracted</c> value; it passes at the scale's midpoint or above.
/// </summary>
public sealed class RubricJudge : LlmJudge
{
    public override string Type => "rubric";

    protected override Verdict Parse(GradingContext context, string text, string? finishReason) =>
        RubricVerdictParser.Parse(text, finishReason, context.Grader.Judge!.Scale);

    protected override GradeOutcome Grade(GradingContext context, JudgeAnswer answer, Verdict verdict)
    {
        double? score = verdict.Value is { } value ? context.Grader.Judge!.Scale.Normalize(value) : null;
        return answer.Outcome(verdict, score, score >= 0.5, null);
    }
}
