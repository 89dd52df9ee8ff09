namespace ItemEval.Bench;

/// <summary>
/// One front-end run as <c>/usr/bin/time</c> saw it: wall, CPU (user + system of the process tree), peak RSS; and,
/// for a run of several targets, its split by target (<see cref="TargetSplit"/>), empty when the run printed none.
/// </summary>
internal sealed record StageMeasurement(string Target, int ExitCode, double WallSeconds, double CpuSeconds, long PeakRssKilobytes)
{
    public IReadOnlyList<TargetSplit> Split { get; init; } = [];
}
