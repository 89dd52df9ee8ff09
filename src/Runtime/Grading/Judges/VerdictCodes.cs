namespace ItemEval.Runtime.Grading.Judges;

/// <summary>
/// Why a judge's answer gave no grade (docs/judges.md). Each is an outcome, stored with the judge's raw text and
/// final: a re-run does not pay to ask again. Transport errors are not among them; they are retried.
/// </summary>
public static class VerdictCodes
{
    /// <summary>No verdict in the expected form anywhere in the answer.</summary>
    public const string NoVerdict = "no_verdict";

    /// <summary>Two or more verdicts that differ: which one the judge meant is a guess.</summary>
    public const string SeveralVerdicts = "several_verdicts";

    /// <summary>A verdict outside the grader's scale (or a confidence outside 0..1).</summary>
    public const string OutOfRange = "out_of_range";

    /// <summary>The answer opens a JSON object that does not parse, and holds no verdict line either.</summary>
    public const string MalformedJson = "malformed_json";

    /// <summary>The judge declined (it says it cannot or will not, or the provider filtered the answer).</summary>
    public const string Refusal = "refusal";

    /// <summary>Nothing but whitespace.</summary>
    public const string Empty = "empty";
}
