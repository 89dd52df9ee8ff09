using System.Globalization;

namespace ItemEval.Bench;

/// <summary>
/// Issue 10's scale figures: a mock study of <c>--cells</c> cells run the way a user runs it, through the real front
/// end: ONE <c>./build.sh Export --study …</c> from clean (every target in one MSBuild run, the study parsed once),
/// under <c>/usr/bin/time</c> (Linux), split by target (<see cref="FrontEndRun"/>). With
/// <c>--edit</c>, the study is then edited and <c>./build.sh Export</c> run once more, as a user would after an edit.
/// </summary>
internal static class ScaleBenchmark
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var cells = int.Parse(BenchOptions.Value(args, "--cells") ?? "10000", NumberStyles.None, CultureInfo.InvariantCulture);
        var dataset = BenchOptions.Value(args, "--dataset") ?? "/work/shared/datasets/gsm8k/test.jsonl";
        var edit = BenchOptions.Value(args, "--edit");
        if (edit is not (null or "model" or "template"))
        {
            throw new ArgumentException($"--edit {edit}: expected 'model' or 'template'");
        }

        var root = RepositoryRoot();

        // --latency-ms (with --concurrency, calls at once per model, default 8 as for a hosted model) paces the mock
        // models; the issue's figures are at zero latency, unlimited.
        var pace = BenchOptions.Value(args, "--latency-ms") is { } latency
            ? new MockPace(
                int.Parse(latency, NumberStyles.None, CultureInfo.InvariantCulture),
                int.Parse(BenchOptions.Value(args, "--concurrency") ?? "8", NumberStyles.None, CultureInfo.InvariantCulture))
            : null;

        // Issue 10's template case is "1/5 of the cells": one template of five.
        using var study = ScaleStudy.Create(cells, dataset, templates: edit == "template" ? 5 : 2, pace);

        // --keep leaves the study and its store in place afterwards, to profile a target on it by hand.
        study.Keep = args.Contains("--keep");
        var paced = pace is null ? "" : $"; mock models answer after {pace.LatencyMilliseconds} ms, {pace.Concurrency} calls at once each";
        Console.WriteLine($"{study.Cells:N0} cells ({study.Items:N0} GSM8K items × {study.Conditions} conditions × {study.Epochs} epochs){paced} in {study.Directory}");
        await FrontEndRun.RunAsync(root, study, "--help");
        if (args.Contains("--estimate-only"))
        {
            return await MeasureEstimateAsync(root, study);
        }

        var full = await FrontEndRun.MeasureAsync(root, study, "Export");
        PrintRun($"the study from clean ({study.Cells:N0} cells)", full, study.Cells);
        if (full.ExitCode != 0)
        {
            Console.Error.WriteLine($"Export exited {full.ExitCode}; the figures stop here.");
            return 1;
        }

        // Everything up to date: what a no-op build costs, MSBuild's start included; then the read-only targets a user
        // runs on a big study at any time, both aggregates over the store.
        Console.WriteLine();
        PrintHeader();
        PrintRow(await FrontEndRun.MeasureAsync(root, study, "Export") with { Target = "Export again (no-op)" });
        PrintRow(await FrontEndRun.MeasureAsync(root, study, "Status"));
        PrintRow(await FrontEndRun.MeasureAsync(root, study, "Estimate"));
        if (edit is null)
        {
            return 0;
        }

        var edited = await MeasureEditAsync(root, study, edit);
        PrintRun($"after --edit {edit}", edited, study.Cells);
        Console.WriteLine();
        PrintHeader();
        PrintRow(await FrontEndRun.MeasureAsync(root, study, "Export") with { Target = "Export again (no-op after the edit)" });

        // The full time the edit is judged against is that of the study as edited, from clean: for a template edit the
        // study keeps its size, so that is the run above; adding a model grows it by a quarter, so it is run again.
        var reference = edit == "model" ? await MeasureEditedFromCleanAsync(root, cells, study, dataset) : full;
        if (edit == "model")
        {
            PrintRun($"the edited study from clean ({study.Cells:N0} cells)", reference, study.Cells);
        }

        PrintRatio(edit, edited, reference);
        return edited.ExitCode == 0 && reference.ExitCode == 0 ? 0 : 1;
    }

    /// <summary>
    /// Issue 13's time target alone (<c>--estimate-only</c>): ExpandGrid, then Estimate with every cell pending (each
    /// prompt rendered and counted), and Status for scale — without running the study.
    /// </summary>
    private static async Task<int> MeasureEstimateAsync(string root, ScaleStudy study)
    {
        var expand = await FrontEndRun.MeasureAsync(root, study, "ExpandGrid");
        if (expand.ExitCode != 0)
        {
            Console.Error.WriteLine($"ExpandGrid exited {expand.ExitCode}; no estimate to time.");
            return 1;
        }

        PrintHeader();
        PrintRow(expand);
        PrintRow(await FrontEndRun.MeasureAsync(root, study, "Status"));
        PrintRow(await FrontEndRun.MeasureAsync(root, study, "Estimate") with { Target = "Estimate, every cell pending" });
        return 0;
    }

    /// <summary>
    /// Issue 10's "small change to a big study": after the full run, edit the study (<c>model</c>: a third model, 1/5 of
    /// the edited study's cells new; <c>template</c>: one template's text of five, 1/5 of the cells stale) and run
    /// <c>./build.sh Export</c> once, as a user would.
    /// </summary>
    private static Task<StageMeasurement> MeasureEditAsync(string root, ScaleStudy study, string edit)
    {
        if (edit == "model")
        {
            study.AddModel();
        }
        else
        {
            study.EditTemplate();
        }

        return FrontEndRun.MeasureAsync(root, study, "Export");
    }

    /// <summary>
    /// The fair denominator for <c>--edit model</c>: the edited study (125,000 cells at 100,000) run from clean the same
    /// way. Adding a model grows the study, so "1/5 of the cells stale → ≤ 1/4 of the full time" is judged against the
    /// full time of the study as edited, not of the smaller study before the edit.
    /// </summary>
    private static async Task<StageMeasurement> MeasureEditedFromCleanAsync(string root, int cells, ScaleStudy edited, string dataset)
    {
        // The same study as before the edit (the --cells asked for), then the same edit.
        using var clean = ScaleStudy.Create(cells, dataset, edited.Templates, edited.Pace);
        clean.AddModel();
        return await FrontEndRun.MeasureAsync(root, clean, "Export");
    }

    private static void PrintRatio(string edit, StageMeasurement edited, StageMeasurement reference)
    {
        Console.WriteLine();
        Console.WriteLine($"--edit {edit} (stale: 1/5 of the {(edit == "model" ? "edited " : "")}study) ÷ the {(edit == "model" ? "edited " : "")}study from clean, one `./build.sh Export` each:");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"**{edited.WallSeconds / reference.WallSeconds:F2} × wall** ({edited.WallSeconds:F1} s ÷ {reference.WallSeconds:F1} s), **{edited.CpuSeconds / reference.CpuSeconds:F2} × CPU** ({edited.CpuSeconds:F1} s ÷ {reference.CpuSeconds:F1} s); target ≤ 0.25 ×"));
    }

    /// <summary>A run of several targets: its total, then its split by target (<see cref="TargetSplit"/>).</summary>
    private static void PrintRun(string title, StageMeasurement run, int cells)
    {
        Console.WriteLine();
        Console.WriteLine($"`./build.sh {run.Target}`, {title}:");
        Console.WriteLine();
        Console.WriteLine("| target | status | wall (summary table) | CPU over that span |");
        Console.WriteLine("|---|---|---:|---:|");
        foreach (var split in run.Split)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {split.Target} | {split.Status} | {split.WallSeconds:F2} s | {split.CpuSeconds:F1} s |"));
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| **the run (exit {run.ExitCode})** | | **{run.WallSeconds:F1} s** | **{run.CpuSeconds:F1} s ({run.CpuSeconds * 1000 / cells:F2} ms/cell)**, peak RSS **{run.PeakRssKilobytes / 1024.0:F0} MiB** |"));
    }

    private static void PrintHeader()
    {
        Console.WriteLine("| run | exit | wall | user+sys CPU | peak RSS |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
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
