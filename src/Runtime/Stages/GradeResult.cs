namespace ItemEval.Runtime.Stages;

/// <summary>
/// How many gradings one Grade run added (errored ones included), how many stand in the plan, the plan's fingerprint,
/// how many of this run's gradings errored (they run again on the next Grade), and how many judge calls wait in
/// provider batches still running (<c>--no-wait</c>, or a stop while waiting: the next Grade collects them), and which
/// plan rows the run wrote (<see cref="PlanChange"/>).
/// </summary>
public sealed record GradeResult(int NewGradings, int PlannedGradings, string GradingsFingerprint, int FailedGradings, int WaitingInBatches = 0, Store.PlanChange? Plan = null);
