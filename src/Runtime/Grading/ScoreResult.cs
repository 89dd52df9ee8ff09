namespace ItemEval.Runtime.Grading;

/// <summary>A grade: a score in [0,1], whether it passes, what was extracted from the output, and why.</summary>
public sealed record ScoreResult(double Score, bool Passed, string? Extracted, string? Detail);
