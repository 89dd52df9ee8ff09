namespace ItemEval.Runtime.Stages;

/// <summary>How many gradings one Grade run added, how many stand in the plan, and the plan's fingerprint.</summary>
public sealed record GradeResult(int NewGradings, int PlannedGradings, string GradingsFingerprint);
