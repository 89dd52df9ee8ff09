using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ItemEval.Bench;

/// <summary>
/// One <c>./build.sh &lt;Target&gt; --study …</c> run under <c>/usr/bin/time</c> (Linux), as a user's shell runs it:
/// wall, CPU of the whole process tree and peak RSS for the run, and its split by target (<see cref="TargetSplit"/>):
/// the durations from the summary table the front end prints at the end, the CPU from readings of the process tree
/// taken every 50 ms while the run lasts.
/// </summary>
internal static partial class FrontEndRun
{
    public static async Task<StageMeasurement> MeasureAsync(string root, ScaleStudy study, string target)
    {
        var timing = Path.Combine(study.Directory, target + ".time");
        var clock = Stopwatch.StartNew();
        var samples = new List<(double At, double Cpu)>();
        var summary = new List<string>();
        double? summaryAt = null;
        var exit = await RunAsync(root, study, "/usr/bin/time", ["-f", "%e %U %S %M", "-o", timing, Path.Combine(root, "build.sh"), target, "--study", study.Directory],
            Path.Combine(study.Directory, target + ".log"), onStart: pid => Sample(pid, clock, samples), onLine: line =>
            {
                if (SummaryHeader().IsMatch(line))
                {
                    summaryAt = clock.Elapsed.TotalSeconds;
                    summary.Clear();
                }
                else
                {
                    summary.Add(line);
                }
            });
        var fields = File.ReadAllText(timing).Trim().Split('\n')[^1].Split(' ').Select(field => double.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        List<(double At, double Cpu)> taken;
        lock (samples)
        {
            taken = [.. samples];
        }

        return new StageMeasurement(target, exit, fields[0], fields[1] + fields[2], (long)fields[3])
        {
            Split = summaryAt is { } end ? Split(taken, summary, end) : [],
        };
    }

    public static Task<int> RunAsync(string root, ScaleStudy study, string argument) =>
        RunAsync(root, study, Path.Combine(root, "build.sh"), [argument], log: null, onStart: null, onLine: null);

    /// <summary>The process tree's CPU every 50 ms while the run lasts, with the time of each reading.</summary>
    private static Task Sample(int pid, Stopwatch clock, List<(double At, double Cpu)> samples) => Task.Run(async () =>
    {
        using var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (Directory.Exists($"/proc/{pid}"))
        {
            var reading = (clock.Elapsed.TotalSeconds, ProcessTreeCpu.Seconds(pid));
            lock (samples)
            {
                samples.Add(reading);
            }

            await ticker.WaitForNextTickAsync();
        }
    });

    /// <summary>
    /// Each target of the summary table that ran, with the CPU the process tree used over its span. MSBuild runs a
    /// target's dependencies one after the other, and the summary is printed as the build ends, so the spans are laid
    /// back to back from the summary's arrival backwards, each as long as its duration; what is before the first span
    /// (the front end's and MSBuild's start, the study's parse, the up-to-date checks) is "(start)".
    /// </summary>
    private static List<TargetSplit> Split(List<(double At, double Cpu)> samples, List<string> summary, double end)
    {
        double CpuAt(double at) => samples.LastOrDefault(sample => sample.At <= at, samples.Count > 0 ? samples[0] : default).Cpu;

        var rows = summary.Select(line => SummaryRow().Match(line)).Where(match => match.Success && match.Groups[2].Value != "Up to date")
            .Select(row => (Name: row.Groups[1].Value, Status: row.Groups[2].Value, Seconds: Seconds(row.Groups[3].Value)))
            .ToList();
        var split = new List<TargetSplit>();
        var finish = end;
        foreach (var row in Enumerable.Reverse(rows))
        {
            var begin = finish - row.Seconds;
            split.Insert(0, new TargetSplit(row.Name, row.Status, row.Seconds, CpuAt(finish) - CpuAt(begin)));
            finish = begin;
        }

        split.Insert(0, new TargetSplit("(start)", "", finish, CpuAt(finish)));
        return split;
    }

    // The summary's durations: "5.04 s" below a minute, "1:05" above.
    private static double Seconds(string duration) =>
        duration.Contains(':', StringComparison.Ordinal)
            ? TimeSpan.ParseExact(duration, @"m\:ss", CultureInfo.InvariantCulture).TotalSeconds
            : double.Parse(duration, CultureInfo.InvariantCulture);

    private static async Task<int> RunAsync(string root, ScaleStudy study, string program, IEnumerable<string> arguments, string? log, Func<int, Task>? onStart, Action<string>? onLine)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = root, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ITEMEVAL_ARTIFACTS"] = study.ArtifactsRoot;
        using var process = Process.Start(start)!;
        var sampling = onStart?.Invoke(process.Id) ?? Task.CompletedTask;

        // The front end's own output (progress, summary) is read line by line as it comes, so the summary's arrival is
        // timed, and kept beside the timing (appended: an edit's run follows the full run's).
        using var writer = log is null ? null : new StreamWriter(log, append: true);
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            onLine?.Invoke(line);
            writer?.WriteLine(line);
        }

        await process.WaitForExitAsync();
        await sampling;
        return process.ExitCode;
    }

    [GeneratedRegex(@"^\s*Target\s+Status\s+Duration\s*$")]
    private static partial Regex SummaryHeader();

    [GeneratedRegex(@"^\s*(\w+)\s+(Succeeded|Up to date|Failed|Not run)\s+(\d+:\d\d|\d+\.\d\d)(?: s)?\s*$")]
    private static partial Regex SummaryRow();
}
