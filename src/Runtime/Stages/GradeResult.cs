namespace ItemEval.Runtime.Stages;

/// <summary>
/// How many gradings one Grade run added (errored ones included), how many stand in the plan, the plan's fingerprint,
/// and how many of this run's gradings errored (they run again on the next Grade).
/// </summary>
public sealed record GradeResult(int NewGradings, int PlannedGradings, string GradingsFingerprint, int FailedGradings);
