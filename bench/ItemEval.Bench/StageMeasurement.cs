namespace ItemEval.Bench;

/// <summary>One front-end run of a target as <c>/usr/bin/time</c> saw it: wall, CPU (user + system), peak RSS.</summary>
internal sealed record StageMeasurement(string Target, int ExitCode, double WallSeconds, double CpuSeconds, long PeakRssKilobytes);
