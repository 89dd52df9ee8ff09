namespace ItemEval.Runtime.Grading.Judges;

/// <summary>What the output contract read from a judge's answer: a value, or the <see cref="VerdictCodes"/> code why not.</summary>
/// <param name="Value">The score (rubric), 1/0 for compliant (compliance), or 1 / 0 / 0.5 for first / second / tie (pairwise).</param>
/// <param name="Label">The verdict as the judge gave it, e.g. <c>7</c>, <c>A</c>, <c>tie</c>, <c>compliant</c>.</param>
/// <param name="Confidence">Compliance only: the judge's confidence, 0..1.</param>
public sealed record Verdict(string? Code, double? Value, string? Label, string? Reasoning = null, double? Confidence = null)
{
    public bool Parsed => Code is null;

    public static Verdict Failed(string code) => new(code, null, null);
}
