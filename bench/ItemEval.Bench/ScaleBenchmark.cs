using System.Diagnostics;
using System.Globalization;

namespace ItemEval.Bench;

/// <summary>
/// Issue 10's scale figures: a mock study of <c>--cells</c> cells run from clean through the real front end
/// (<c>./build.sh &lt;Target&gt; --study …</c>), one target after the other, each under <c>/usr/bin/time</c> (Linux),
/// so every row includes MSBuild's start and the figures are what a user's shell would see.
/// </summary>
internal static class ScaleBenchmark
{
    private static readonly string[] Targets = ["ExpandGrid", "Generate", "Grade", "Export"];

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var cells = int.Parse(BenchOptions.Value(args, "--cells") ?? "10000", NumberStyles.None, CultureInfo.InvariantCulture);
        var dataset = BenchOptions.Value(args, "--dataset") ?? "/work/shared/datasets/gsm8k/test.jsonl";
        var edit = BenchOptions.Value(args, "--edit");
        var root = RepositoryRoot();
        using var study = ScaleStudy.Create(cells, dataset);

        // --keep leaves the study and its store in place afterwards, to profile a target on it by hand.
        study.Keep = args.Contains("--keep");
        Console.WriteLine($"{study.Cells:N0} cells ({study.Items:N0} GSM8K items × 8 conditions × {study.Epochs} epochs) in {study.Directory}");
        await RunFrontEndAsync(root, study, "--help");
        if (args.Contains("--estimate-only"))
        {
            return await MeasureEstimateAsync(root, study);
        }

        var measurements = new List<StageMeasurement>();
        StageMeasurement? estimatePending = null;
        foreach (var target in Targets)
        {
            var measurement = await MeasureAsync(root, study, target);
            measurements.Add(measurement);

            // Issue 13: Estimate prices every cell while all of them are still to run (each prompt rendered and counted).
            estimatePending ??= target == "ExpandGrid" && measurement.ExitCode == 0 ? await MeasureAsync(root, study, "Estimate") : null;
            if (measurement.ExitCode != 0)
            {
                Console.Error.WriteLine($"{target} exited {measurement.ExitCode}; the figures stop here.");
                break;
            }
        }

        var finished = measurements.All(measurement => measurement.ExitCode == 0);
        var rerun = finished ? await MeasureAsync(root, study, "Export") : null;

        // The read-only targets a user runs on a big study at any time; both are aggregates over the store.
        var lookups = finished ? new[] { await MeasureAsync(root, study, "Status"), await MeasureAsync(root, study, "Estimate") } : [];
        Print(study.Cells, measurements);
        if (rerun is not null)
        {
            // Everything is up to date: what a no-op build costs, MSBuild's start included.
            PrintRow(rerun with { Target = "Export again (no-op)" });
        }

        foreach (var lookup in lookups)
        {
            PrintRow(lookup);
        }

        if (estimatePending is not null)
        {
            PrintRow(estimatePending with { Target = "Estimate, every cell pending" });
        }

        if (finished && edit is not null)
        {
            var edited = await MeasureEditAsync(root, study, edit);
            var noOpAfter = await MeasureAsync(root, study, "Export") with { Target = "Export again (no-op after the edit)" };
            var reference = edit == "model" ? await MeasureEditedFromCleanAsync(root, study, dataset) : null;
            PrintEdit(edit, measurements, edited, reference);
            PrintRow(noOpAfter);
        }

        return measurements.All(measurement => measurement.ExitCode == 0) ? 0 : 1;
    }

    /// <summary>
    /// Issue 13's time target alone (<c>--estimate-only</c>): ExpandGrid, then Estimate and BudgetCheck with every cell
    /// pending (each prompt rendered and counted), and Status for scale — without running the study.
    /// </summary>
    private static async Task<int> MeasureEstimateAsync(string root, ScaleStudy study)
    {
        var expand = await MeasureAsync(root, study, "ExpandGrid");
        if (expand.ExitCode != 0)
        {
            Console.Error.WriteLine($"ExpandGrid exited {expand.ExitCode}; no estimate to time.");
            return 1;
        }

        var rows = new[]
        {
            expand,
            await MeasureAsync(root, study, "Status"),
            await MeasureAsync(root, study, "Estimate") with { Target = "Estimate, every cell pending" },
        };
        Print(study.Cells, rows);
        return rows.All(row => row.ExitCode == 0) ? 0 : 1;
    }

    /// <summary>
    /// Issue 10's "small change to a big study": after the full run, edit the study (<c>model</c>: a third model,
    /// 1/5 of the cells new; <c>template</c>: one template's text, 1/2 of the cells stale) and time the same targets.
    /// </summary>
    private static async Task<IReadOnlyList<StageMeasurement>> MeasureEditAsync(string root, ScaleStudy study, string edit)
    {
        switch (edit)
        {
            case "model":
                study.AddModel();
                break;
            case "template":
                study.EditTemplate();
                break;
            default:
                throw new ArgumentException($"--edit {edit}: expected 'model' or 'template'");
        }

        var measurements = new List<StageMeasurement>();
        foreach (var target in Targets)
        {
            measurements.Add(await MeasureAsync(root, study, target));
        }

        return measurements;
    }

    /// <summary>
    /// The fair denominator for <c>--edit model</c>: the edited study (125,000 cells at 100,000) run from clean the same
    /// way, target by target. Adding a model grows the study, so "1/5 of the cells stale → ≤ 1/4 of the full time" is
    /// judged against the full time of the study as edited, not of the smaller study before the edit.
    /// </summary>
    private static async Task<IReadOnlyList<StageMeasurement>> MeasureEditedFromCleanAsync(string root, ScaleStudy edited, string dataset)
    {
        using var clean = ScaleStudy.Create(edited.Cells, dataset);
        clean.AddModel();
        var measurements = new List<StageMeasurement>();
        foreach (var target in Targets)
        {
            measurements.Add(await MeasureAsync(root, clean, target));
        }

        return measurements;
    }

    private static void PrintEdit(string edit, IReadOnlyList<StageMeasurement> full, IReadOnlyList<StageMeasurement> edited, IReadOnlyList<StageMeasurement>? editedFromClean)
    {
        Console.WriteLine();
        Console.WriteLine($"After --edit {edit} (stale share: {(edit == "model" ? "1/5 of the edited study" : "1/2")}):");
        Console.WriteLine();
        Console.WriteLine("| target | exit | wall | user+sys CPU | peak RSS |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var row in edited)
        {
            PrintRow(row);
        }

        var wall = edited.Sum(row => row.WallSeconds);
        var cpu = edited.Sum(row => row.CpuSeconds);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| **all, after the edit** | | **{wall:F1} s ({wall / full.Sum(row => row.WallSeconds):F2} × the full run before the edit)** | **{cpu:F1} s ({cpu / full.Sum(row => row.CpuSeconds):F2} ×)** | **{edited.Max(row => row.PeakRssKilobytes) / 1024.0:F0} MiB** |"));
        if (editedFromClean is not null)
        {
            var cleanWall = editedFromClean.Sum(row => row.WallSeconds);
            var cleanCpu = editedFromClean.Sum(row => row.CpuSeconds);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| the edited study from clean (same targets) | | {cleanWall:F1} s | {cleanCpu:F1} s | {editedFromClean.Max(row => row.PeakRssKilobytes) / 1024.0:F0} MiB |"));
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| **the edit ÷ the edited study from clean** | | **{wall / cleanWall:F2} ×** | **{cpu / cleanCpu:F2} ×** | |"));
        }

    }

    private static async Task<StageMeasurement> MeasureAsync(string root, ScaleStudy study, string target)
    {
        var timing = Path.Combine(study.Directory, target + ".time");
        var exit = await RunAsync(root, study, "/usr/bin/time", ["-f", "%e %U %S %M", "-o", timing, Path.Combine(root, "build.sh"), target, "--study", study.Directory], Path.Combine(study.Directory, target + ".log"));
        var fields = File.ReadAllText(timing).Trim().Split('\n')[^1].Split(' ').Select(field => double.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        return new StageMeasurement(target, exit, fields[0], fields[1] + fields[2], (long)fields[3]);
    }

    private static Task<int> RunFrontEndAsync(string root, ScaleStudy study, string argument) =>
        RunAsync(root, study, Path.Combine(root, "build.sh"), [argument], log: null);

    private static async Task<int> RunAsync(string root, ScaleStudy study, string program, IEnumerable<string> arguments, string? log)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = root, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ITEMEVAL_ARTIFACTS"] = study.ArtifactsRoot;
        using var process = Process.Start(start)!;

        // The front end's own output (progress, summary) is not the benchmark's; drained so the child never blocks on it,
        // and kept beside the timing (appended: an edit's run follows the full run's) to see which targets ran (--keep).
        var output = await process.StandardOutput.ReadToEndAsync();
        if (log is not null)
        {
            await File.AppendAllTextAsync(log, output);
        }

        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private static void Print(int cells, IReadOnlyList<StageMeasurement> measurements)
    {
        Console.WriteLine();
        Console.WriteLine("| target | exit | wall | user+sys CPU | peak RSS |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var row in measurements)
        {
            PrintRow(row);
        }

        var cpu = measurements.Sum(row => row.CpuSeconds);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| **all ({cells:N0} cells)** | | **{measurements.Sum(row => row.WallSeconds):F1} s** | **{cpu:F1} s ({cpu * 1000 / cells:F2} ms/cell)** | **{measurements.Max(row => row.PeakRssKilobytes) / 1024.0:F0} MiB** |"));
    }

    private static void PrintRow(StageMeasurement row) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {row.Target} | {row.ExitCode} | {row.WallSeconds:F1} s | {row.CpuSeconds:F1} s | {row.PeakRssKilobytes / 1024.0:F0} MiB |"));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "build.sh")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("build.sh not found above the benchmark's folder: run it from the repository's bench/ build.");
    }
}
