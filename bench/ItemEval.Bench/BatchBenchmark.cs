using System.Globalization;
using ItemEval.Runtime.Stages;

namespace ItemEval.Bench;

/// <summary>
/// Issue 11's batch benchmark: N cells per model through one OpenAI-style batch each against the fake provider (in a
/// child process, which finishes a batch on its first status read), through the real Generate stage: wall time split
/// into build (input file), upload (+ create), wait and collect (+ store), and the peak resident memory of this process
/// during Generate. Run with one model, then two side by side. With one model, this process's CPU time between the
/// batch ending and its last row stored is the collection's own (the fake provider runs in another process); with two,
/// the models' phases overlap, so each model's "collect CPU" also holds the other's work at the time.
/// </summary>
internal static class BatchBenchmark
{
    public static readonly string[] OpenAIModels = ["openai/gpt-4o-mini", "openai/gpt-4.1-mini"];

    /// <summary>The same run through Anthropic's Message Batches (<c>batch-anthropic</c>).</summary>
    public static readonly string[] AnthropicModels = ["anthropic/claude-haiku-4-5", "anthropic/claude-sonnet-4-5"];

    public static async Task<int> RunAsync(BenchArguments arguments, string[] models)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"batch: {arguments.Calls} cells per model, one batch per model"));
        Console.WriteLine("| models | model | build | upload | wait | queued | collect + store | rows/s collected | collect CPU | rows per CPU-s | Generate wall | Generate CPU | peak RSS |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var failed = 0;
        foreach (var count in new[] { 1, 2 })
        {
            failed += await RunOnceAsync(arguments, models[..count]);
        }

        return failed == 0 ? 0 : 1;
    }

    private static async Task<int> RunOnceAsync(BenchArguments arguments, string[] models)
    {
        using var server = await ServerProcess.StartAsync(arguments);
        using var study = BenchStudy.Create(server.BaseUrl, models, arguments.Calls, arguments.Concurrency, rpm: null);
        File.WriteAllText(study.StudyFile, File.ReadAllText(study.StudyFile).Replace("name: bench\n", "name: bench\nbatch: true\n", StringComparison.Ordinal)
            .Replace("max_usd: 5", "max_usd: 100", StringComparison.Ordinal)); // 50,000 Sonnet cells' worst case is about $27 at the batch rate
        study.Prepare(new ConsoleStageReporter());
        GC.Collect();
        PeakRss.Reset();

        var reporter = new BatchPhaseReporter();
        var meter = ProcessMeter.Start();
        var result = await GenerateStage.RunAsync(study.Context(reporter), CancellationToken.None);
        var reading = meter.Read();
        var wall = reading.Elapsed;
        var peak = PeakRss.Kilobytes() / 1024.0;
        foreach (var model in models)
        {
            var written = reporter.At(model, "written");
            var submitted = reporter.At(model, "submitted");
            var ended = reporter.At(model, "ended");
            var collecting = reporter.At(model, "collecting");
            var collected = reporter.At(model, "collected");
            var collect = collected - collecting;
            var collectCpu = reporter.CpuAt(model, "collected") - reporter.CpuAt(model, "collecting");
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {models.Length} | {model} | {written.TotalSeconds:F2} s | {(submitted - written).TotalSeconds:F2} s | {(ended - submitted).TotalSeconds:F2} s | {(collecting - ended).TotalSeconds:F2} s | {collect.TotalSeconds:F2} s | {arguments.Calls / collect.TotalSeconds:F0} | {collectCpu.TotalSeconds:F2} s | {arguments.Calls / collectCpu.TotalSeconds:F0} | {wall.TotalSeconds:F2} s | {reading.Cpu.TotalSeconds:F2} s | {peak:F0} MB |"));
        }

        if (models.Length > 1)
        {
            // Every model's rows over the span from the first collection's start to the last row stored.
            var first = models.Min(model => reporter.At(model, "collecting"));
            var last = models.Max(model => reporter.At(model, "collected"));
            var rows = arguments.Calls * models.Length;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {models.Length} | all, first collection start to last row stored | | | | | {(last - first).TotalSeconds:F2} s | {rows / (last - first).TotalSeconds:F0} | | | | | |"));
        }

        if (result.Done != arguments.Calls * models.Length)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  expected {arguments.Calls * models.Length} cells done, got {result.Done} ({result.Failed} failed)"));
            return 1;
        }

        return 0;
    }
}
