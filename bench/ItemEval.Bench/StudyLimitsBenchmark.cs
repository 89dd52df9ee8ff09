using System.Diagnostics;
using System.Globalization;
using ItemEval.Runtime.Stages;

namespace ItemEval.Bench;

/// <summary>
/// The shape users run (issue 8): a study with two OpenAI-compatible models, N cells each, through the real Generate
/// stage, against a fake provider that limits each model to an RPM over a sliding minute and states its quota in
/// <c>x-ratelimit-*</c> headers. Run twice: with the study's <c>rpm</c> set to the limit, and with no <c>rpm</c> (the
/// limiter learns from headers and 429s alone). Each run gets a fresh provider process and a fresh study.
/// </summary>
internal static class StudyLimitsBenchmark
{
    private static readonly string[] Models = ["openai/gpt-4o-mini", "openai/gpt-4.1-mini"];

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        // Both models side by side, each at the limit: the whole study takes calls-per-model / RPM minutes at best.
        var ideal = TimeSpan.FromMinutes((double)arguments.Calls / arguments.RequestsPerMinute);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"generate-limits: {Models.Length} models × {arguments.Calls} cells, {arguments.RequestsPerMinute} RPM per model, {arguments.LatencyMilliseconds} ± {arguments.JitterMilliseconds} ms latency, max_concurrency {arguments.Concurrency}"));
        var rows = new List<StudyRunResult>();
        foreach (var rpm in new int?[] { arguments.RequestsPerMinute, null })
        {
            rows.Add(await RunOnceAsync(arguments, rpm));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ideal: {ideal.TotalSeconds:F1} s"));
        Console.WriteLine("| study | wall time | × ideal | requests | answered 429 | cells done | cells failed |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {row.Name} | {row.Wall.TotalSeconds:F1} s | {row.Wall / ideal:F2} | {row.Requests} | {row.TooManyRequests} | {row.Done} | {row.Failed} |"));
        }

        return rows.All(row => row.Failed == 0) ? 0 : 1;
    }

    private static async Task<StudyRunResult> RunOnceAsync(BenchArguments arguments, int? rpm)
    {
        var name = rpm is null ? "no rpm (headers and 429s)" : string.Create(CultureInfo.InvariantCulture, $"rpm: {rpm}");
        Console.WriteLine();
        Console.WriteLine(name);
        using var server = await ServerProcess.StartAsync(arguments);
        using var study = BenchStudy.Create(server.BaseUrl, Models, arguments.Calls, arguments.Concurrency, rpm);
        var reporter = new ConsoleStageReporter();
        study.Prepare(reporter);

        var clock = Stopwatch.StartNew();
        var result = await GenerateStage.RunAsync(study.Context(reporter), CancellationToken.None);
        var wall = clock.Elapsed;
        var stats = await server.StatsAsync();
        return new StudyRunResult(name, wall, stats.Requests, stats.TooManyRequests, result.Done, result.Failed);
    }
}
