namespace ItemEval.Runtime.Store;

/// <summary>One grade of one solution by one grader.</summary>
public sealed record GradingRecord(
    string GradingKey,
    string CellKey,
    string Grader,
    string GraderType,
    double Score,
    bool Passed,
    string? Extracted,
    string? Detail,
    decimal Usd,
    string RunId);
