using System.Globalization;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.OpenAI;
using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Bench;

/// <summary>
/// Sends N distinct chat completions through the production stack (OpenAI SDK client → attempt timeout → rate
/// limiter → retries) at a fake provider that enforces an RPM limit over a sliding minute, with the study's RPM set
/// to the same limit. Measures throughput against the limit's ideal, the 429s the provider answered, and this
/// process's CPU time per call (the provider runs in a child process, so its CPU is not counted).
/// </summary>
internal static class RateLimitBenchmark
{
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        using var server = await ServerProcess.StartAsync(arguments);
        var settings = new RateLimitSettings(arguments.Concurrency, arguments.RequestsPerMinute, null);
        using var limiter = new ProviderRateLimiter(_ => settings);
        var observer = new CountingRetryObserver();
        var client = new OpenAIModelClient("openai", "gpt-4.1-mini", server.BaseUrl + "/v1", "sk-bench-not-a-key")
            .WithResilience(limiter, RetrySettings.Default, observer);

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"rate-limits: {arguments.Calls} calls, {arguments.RequestsPerMinute} RPM limit, {arguments.LatencyMilliseconds} ms latency, concurrency {arguments.Concurrency}"));
        var progress = new BenchProgress(arguments.Calls, () => observer.Retries);
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, arguments.Calls).Select(async index =>
        {
            try
            {
                await client.CompleteAsync(BenchRequests.For(index), CancellationToken.None);
            }
            catch (ModelCallException)
            {
                Interlocked.Increment(ref failed);
            }

            progress.Completed();
        }));

        var run = progress.Meter.Read();
        var stats = await server.StatsAsync();
        var ideal = TimeSpan.FromMinutes((double)arguments.Calls / arguments.RequestsPerMinute);
        BenchTable.Print(
            ("wall time", $"{run.Elapsed.TotalSeconds:F1} s"),
            ("ideal at the limit (calls / RPM)", $"{ideal.TotalSeconds:F1} s"),
            ("throughput as a fraction of ideal", $"{ideal / run.Elapsed:F3}"),
            ("requests the provider saw", $"{stats.Requests}"),
            ("answered 429", $"{stats.TooManyRequests} ({100.0 * stats.TooManyRequests / arguments.Calls:F2} % of calls)"),
            ("retries", $"{observer.Retries}"),
            ("calls failed after retries", $"{failed}"),
            ("fake provider CPU time (child process)", $"{stats.ProcessorTime.TotalSeconds:F2} s"));
        progress.PrintCpu(run);
        return failed == 0 ? 0 : 1;
    }
}
