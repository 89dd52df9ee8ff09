namespace ItemEval.Bench;

/// <summary>
/// One target's part of a front-end run: its status and duration from the run's own summary table (MSBuild's target
/// start and finish), and the CPU the process tree used over that span, read from samples taken every 50 ms. The CPU
/// split is approximate (to a sample, and the spans are laid back to back from the summary's arrival: see
/// <see cref="FrontEndRun"/>); the run's total is exact.
/// </summary>
internal sealed record TargetSplit(string Target, string Status, double WallSeconds, double CpuSeconds);
