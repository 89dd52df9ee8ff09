using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ItemEval.Bench;

/// <summary>
/// One <c>./build.sh &lt;Target&gt; --study …</c> run under <c>/usr/bin/time</c> (Linux), as a user's shell runs it:
/// wall, CPU of the whole process tree and peak RSS for the run, and its split by target (<see cref="TargetSplit"/>)
/// read from the run's own output while it runs — the CPU sampled at each target's header, the durations from the
/// summary table the front end prints at the end.
/// </summary>
internal static partial class FrontEndRun
{
    public static async Task<StageMeasurement> MeasureAsync(string root, ScaleStudy study, string target)
    {
        var timing = Path.Combine(study.Directory, target + ".time");
        var marks = new List<(string Target, double Cpu)>();
        var summary = new List<string>();
        var exit = await RunAsync(root, study, "/usr/bin/time", ["-f", "%e %U %S %M", "-o", timing, Path.Combine(root, "build.sh"), target, "--study", study.Directory],
            Path.Combine(study.Directory, target + ".log"), (line, pid) =>
            {
                if (Header().Match(line) is { Success: true } header)
                {
                    marks.Add((header.Groups[1].Value, ProcessTreeCpu.Seconds(pid)));
                }
                else if (SummaryHeader().IsMatch(line))
                {
                    marks.Add(("", ProcessTreeCpu.Seconds(pid)));
                    summary.Clear();
                }
                else
                {
                    summary.Add(line);
                }
            });
        var fields = File.ReadAllText(timing).Trim().Split('\n')[^1].Split(' ').Select(field => double.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        return new StageMeasurement(target, exit, fields[0], fields[1] + fields[2], (long)fields[3]) { Split = Split(marks, summary) };
    }

    public static Task<int> RunAsync(string root, ScaleStudy study, string argument) =>
        RunAsync(root, study, Path.Combine(root, "build.sh"), [argument], log: null, onLine: null);

    /// <summary>
    /// Each target of the summary table that ran, with the CPU between its header and the next mark; the CPU before the
    /// first header (the front end's and MSBuild's start, the study's parse, the up-to-date checks) as "(start)".
    /// </summary>
    private static List<TargetSplit> Split(List<(string Target, double Cpu)> marks, List<string> summary)
    {
        var cpu = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var index = 0; index + 1 < marks.Count; index++)
        {
            if (marks[index].Target.Length > 0)
            {
                cpu[marks[index].Target] = marks[index + 1].Cpu - marks[index].Cpu;
            }
        }

        var split = new List<TargetSplit>();
        if (marks.Count > 0)
        {
            split.Add(new TargetSplit("(start)", "", 0, marks[0].Cpu));
        }

        foreach (var row in summary.Select(line => SummaryRow().Match(line)).Where(match => match.Success && match.Groups[2].Value != "Up to date"))
        {
            var name = row.Groups[1].Value;
            split.Add(new TargetSplit(name, row.Groups[2].Value, Seconds(row.Groups[3].Value), cpu.TryGetValue(name, out var seconds) ? seconds : null));
        }

        return split;
    }

    // The summary's durations: "5.04 s" below a minute, "1:05" above.
    private static double Seconds(string duration) =>
        duration.Contains(':', StringComparison.Ordinal)
            ? TimeSpan.ParseExact(duration, @"m\:ss", CultureInfo.InvariantCulture).TotalSeconds
            : double.Parse(duration, CultureInfo.InvariantCulture);

    private static async Task<int> RunAsync(string root, ScaleStudy study, string program, IEnumerable<string> arguments, string? log, Action<string, int>? onLine)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = root, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ITEMEVAL_ARTIFACTS"] = study.ArtifactsRoot;
        using var process = Process.Start(start)!;

        // The front end's own output (progress, summary) is read line by line as it comes, so each target's header is
        // seen while the run goes on, and kept beside the timing (appended: an edit's run follows the full run's).
        using var writer = log is null ? null : new StreamWriter(log, append: true);
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            onLine?.Invoke(line, process.Id);
            writer?.WriteLine(line);
        }

        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    [GeneratedRegex(@"^▶ (\w+)\s*$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^\s*Target\s+Status\s+Duration\s*$")]
    private static partial Regex SummaryHeader();

    [GeneratedRegex(@"^\s*(\w+)\s+(Succeeded|Up to date|Failed|Not run)\s+(\d+:\d\d|\d+\.\d\d)(?: s)?\s*$")]
    private static partial Regex SummaryRow();
}
