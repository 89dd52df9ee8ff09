using System.Diagnostics;
using System.Globalization;
using ItemEval.Runtime.Stages;

namespace ItemEval.Bench;

/// <summary>
/// Issue 10's "memory that grows with cells": the scale study of <c>--cells</c> cells, prepared by the real stages,
/// then Generate in this process on the zero-latency mock models while a sampler reads, every 20 ms, the resident set
/// and the managed heap. Their peaks tell what grows: the managed heap holds the pending keys (and anything else .NET
/// keeps); the rest of the resident set is DuckDB's buffer pool (capped by <c>memory_limit</c>) and the runtime.
/// </summary>
internal static class GenerateMemoryBenchmark
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var cells = int.Parse(BenchOptions.Value(args, "--cells") ?? "10000", NumberStyles.None, CultureInfo.InvariantCulture);
        var dataset = BenchOptions.Value(args, "--dataset") ?? "/work/shared/datasets/gsm8k/test.jsonl";
        using var study = ScaleStudy.Create(cells, dataset);
        var context = new StageContext(study.StudyFile, study.ArtifactsRoot, new StageOptions(Yes: true), new QuietReporter(), new BenchEnvironment());
        ResolveStage.Run(context);
        LockDatasetsStage.Run(context);
        ExpandGridStage.Run(context);

        var before = Sample();
        PeakRss.Reset();
        using var stop = new CancellationTokenSource();
        var peaks = Task.Run(() => SampleUntil(stop.Token));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = await GenerateStage.RunAsync(context, CancellationToken.None);
        var wall = clock.Elapsed;
        await stop.CancelAsync();
        var (peakManaged, peakRss) = await peaks;

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {study.Cells:N0} | {result.Done:N0} | {wall.TotalSeconds:F1} s | {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s | {before.Rss / 1048576.0:F0} MiB | {Math.Max(peakRss, PeakRss.Kilobytes() * 1024) / 1048576.0:F0} MiB | {before.Managed / 1048576.0:F0} MiB | {peakManaged / 1048576.0:F0} MiB |"));
        return result.Done == study.Cells ? 0 : 1;
    }

    private static (long Managed, long Rss) Sample() => (GC.GetTotalMemory(false), Environment.WorkingSet);

    private static async Task<(long Managed, long Rss)> SampleUntil(CancellationToken stop)
    {
        var peak = Sample();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var now = Sample();
                peak = (Math.Max(peak.Managed, now.Managed), Math.Max(peak.Rss, now.Rss));
            }
        }
        catch (OperationCanceledException)
        {
            // Generate finished: the peaks so far are the answer.
        }

        return peak;
    }

    /// <summary>The benchmark prints one table row; the stages' progress lines would drown it.</summary>
    private sealed class QuietReporter : IStageReporter
    {
        public void Info(string message)
        {
        }

        public void Progress(string message)
        {
        }

        public void Detail(string message)
        {
        }

        public void Report(Runtime.Config.Diagnostic diagnostic) => Console.Error.WriteLine(diagnostic.ToString());
    }
}
