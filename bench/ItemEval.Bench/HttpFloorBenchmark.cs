using System.Globalization;
using System.Text;

namespace ItemEval.Bench;

/// <summary>
/// The floor the rate-limit benchmark is measured against: the same number of calls at the same pace, as bare
/// HttpClient POSTs of a chat-completions body to the same fake provider, with no SDK, no limiter, no retries. What
/// this costs per call is the runtime's and the machine's share (sockets, thread-pool wake-ups); the difference to
/// <see cref="RateLimitBenchmark"/> is ours and the SDK's.
/// </summary>
internal static class HttpFloorBenchmark
{
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        using var server = await ServerProcess.StartAsync(arguments);
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"http-floor: {arguments.Calls} bare POSTs paced at {arguments.RequestsPerMinute} a minute, {arguments.LatencyMilliseconds} ms latency"));

        var interval = TimeSpan.FromMinutes(1.0 / arguments.RequestsPerMinute);
        var progress = new BenchProgress(arguments.Calls, () => 0);
        var calls = new List<Task>(arguments.Calls);
        using var pace = new PeriodicTimer(interval);
        for (var index = 0; index < arguments.Calls; index++)
        {
            calls.Add(PostAsync(http, index, progress));
            await pace.WaitForNextTickAsync();
        }

        await Task.WhenAll(calls);
        var run = progress.Meter.Read();
        var stats = await server.StatsAsync();
        BenchTable.Print(
            ("wall time", $"{run.Elapsed.TotalSeconds:F1} s"),
            ("answered 429", $"{stats.TooManyRequests}"));
        progress.PrintCpu(run);
        return 0;
    }

    private static async Task PostAsync(HttpClient http, int index, BenchProgress progress)
    {
        var body = string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"Question {{index}}: what is {{index}} + {{index}}?"}],"temperature":0.7,"max_completion_tokens":64}""");
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), content);
        _ = await response.Content.ReadAsStringAsync();
        progress.Completed();
    }
}
