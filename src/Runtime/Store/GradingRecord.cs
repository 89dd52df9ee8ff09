namespace ItemEval.Runtime.Store;

/// <summary>
/// One grade of one solution by one grader, with its <see cref="GradingStatus"/>; an errored grading has no score and
/// says why. Cost, tokens and transcript are a judge's (a verifiable scorer's are $0, none and null).
/// </summary>
public sealed record GradingRecord(
    string GradingKey,
    string CellKey,
    string Grader,
    string GraderType,
    string Status,
    double? Score,
    bool? Passed,
    string? Extracted,
    string? Detail,
    string? Error,
    decimal? Usd,
    int? InputTokens,
    int? OutputTokens,
    string? Transcript,
    string RunId)
{
    /// <summary>A judge's parse-failure code (Grading/Judges/VerdictCodes); null when the answer parsed or no judge graded.</summary>
    public string? VerdictCode { get; init; }

    /// <summary>A judge's answer as it came.</summary>
    public string? RawText { get; init; }

    public int? CacheReadTokens { get; init; }

    public int? CacheWriteTokens { get; init; }

    /// <summary>Pairwise: the solution in the second position (<see cref="CellKey"/> is in the first).</summary>
    public string? SecondCellKey { get; init; }

    /// <summary>The batch submission the judge's answer came from (null for an interactive call or a scorer).</summary>
    public string? BatchId { get; init; }

    /// <summary>
    /// Whether a grading may already be stored under <see cref="GradingKey"/> (an errored one retried), so storing this
    /// one must replace it. False only when the plan read that no row has the key: the batch is then a plain insert,
    /// without a pass over every stored grading to find rows to replace. Unknown is true.
    /// </summary>
    public bool ReplacesStored { get; init; } = true;
}
