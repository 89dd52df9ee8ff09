namespace ItemEval.Bench;

/// <summary>
/// One target's part of a front-end run: its status and duration from the run's own summary table (MSBuild's target
/// start and finish), and the CPU the process tree used from the target's first line of output (<c>▶ Target</c>) to the
/// next target's, or to the summary for the last one. The CPU split is approximate: a target's header is printed with
/// its first message, not when it starts, and the front end's start and study parse fall before the first header.
/// </summary>
internal sealed record TargetSplit(string Target, string Status, double WallSeconds, double? CpuSeconds);
