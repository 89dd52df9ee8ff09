using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Grading;

/// <summary>
/// What one grading produced: its <see cref="GradingStatus"/>, the grade (absent when it errored), and what it cost —
/// dollars, tokens and the transcript of a judge's call (none for a verifiable scorer).
/// </summary>
public sealed record GradeOutcome(
    string Status,
    double? Score,
    bool? Passed,
    string? Extracted,
    string? Detail,
    string? Error = null,
    decimal? Usd = 0m,
    int? InputTokens = null,
    int? OutputTokens = null,
    string? Transcript = null)
{
    /// <summary>A judge's answer that gave no grade: why (Judges/VerdictCodes). Stored and final, never retried.</summary>
    public string? VerdictCode { get; init; }

    /// <summary>A judge's answer as it came, kept with every judge grading (parse failures above all).</summary>
    public string? RawText { get; init; }

    /// <summary>Input tokens the provider served from, or wrote to, its prompt cache.</summary>
    public int? CacheReadTokens { get; init; }

    public int? CacheWriteTokens { get; init; }

    public static GradeOutcome Scored(ScoreResult result) =>
        new(GradingStatus.Done, result.Score, result.Passed, result.Extracted, result.Detail);

    public static GradeOutcome Failed(string error) =>
        new(GradingStatus.Error, null, null, null, null, error);
}
