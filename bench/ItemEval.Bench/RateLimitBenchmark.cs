using System.Diagnostics;
using System.Globalization;
using ItemEval.Runtime.Config;
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
    private const string Model = "openai/gpt-4.1-mini";

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
            $"{arguments.Calls} calls, {arguments.RequestsPerMinute} RPM limit, {arguments.LatencyMilliseconds} ms latency, concurrency {arguments.Concurrency}"));
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var kernelBefore = process.PrivilegedProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var completed = 0;
        var failed = 0;

        var calls = Enumerable.Range(0, arguments.Calls).Select(async index =>
        {
            try
            {
                await client.CompleteAsync(Request(index), CancellationToken.None);
            }
            catch (ModelCallException)
            {
                Interlocked.Increment(ref failed);
            }

            var done = Interlocked.Increment(ref completed);
            if (done % 250 == 0)
            {
                var cpuSoFar = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {done,5} done at {clock.Elapsed.TotalSeconds,6:F1} s, {observer.Retries} retries, {cpuSoFar.TotalSeconds:F2} s CPU"));
            }
        }).ToList();
        await Task.WhenAll(calls);

        var elapsed = clock.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var kernel = process.PrivilegedProcessorTime - kernelBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var stats = await server.StatsAsync();
        var ideal = TimeSpan.FromMinutes((double)arguments.Calls / arguments.RequestsPerMinute);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            | measure                                  | value |
            |------------------------------------------|------:|
            | wall time                                | {elapsed.TotalSeconds:F1} s |
            | ideal at the limit (calls / RPM)         | {ideal.TotalSeconds:F1} s |
            | throughput as a fraction of ideal        | {ideal / elapsed:F3} |
            | requests the provider saw                | {stats.Requests} |
            | answered 429                             | {stats.TooManyRequests} ({100.0 * stats.TooManyRequests / arguments.Calls:F2} % of calls) |
            | retries                                  | {observer.Retries} |
            | calls failed after retries               | {failed} |
            | client CPU time per call                 | {cpu.TotalMilliseconds / arguments.Calls:F3} ms ({cpu.TotalSeconds:F2} s in all) |
            | of which in the kernel                   | {kernel.TotalMilliseconds / arguments.Calls:F3} ms |
            | client allocations per call              | {allocated / 1024.0 / arguments.Calls:F1} KiB |
            | fake provider CPU time (child process)   | {stats.ProcessorTime.TotalSeconds:F2} s |
            """));
        return failed == 0 ? 0 : 1;
    }

    private static ModelRequest Request(int index) => new(
        Model,
        [new ChatMessage("user", string.Create(CultureInfo.InvariantCulture, $"Question {index}: what is {index} + {index}?"))],
        new LaneParameters(Temperature: 0.7, MaxTokens: 64),
        Epoch: 1,
        Options: new Dictionary<string, string>());
}
