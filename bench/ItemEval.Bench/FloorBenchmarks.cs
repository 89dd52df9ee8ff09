using System.Globalization;
using System.Text;
using ItemEval.Runtime.Providers.OpenAI;

namespace ItemEval.Bench;

/// <summary>
/// The floors the rate-limit benchmark is measured against: the same number of calls at the same pace (a
/// <see cref="PeriodicTimer"/>, no limiter, no retries) to the same fake provider, either as bare HttpClient POSTs
/// of a chat-completions body (<c>http-floor</c>) or through the OpenAI SDK client alone (<c>sdk-floor</c>).
/// http-floor is the runtime's and the machine's share (sockets, thread-pool wake-ups); sdk-floor minus http-floor
/// is the SDK's; rate-limits minus sdk-floor is ours.
/// </summary>
internal static class FloorBenchmarks
{
    public static Task<int> RunBareAsync(BenchArguments arguments) => RunAsync(arguments, "http-floor", BareSender);

    public static Task<int> RunSdkAsync(BenchArguments arguments) => RunAsync(arguments, "sdk-floor", SdkSender);

    /// <summary>Sends call <c>index</c> as a bare HttpClient POST of the body the SDK would send.</summary>
    public static Func<int, Task> BareSender(ServerProcess server)
    {
        var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        return async index =>
        {
            using var content = new StringContent(BenchRequests.Body(index), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), content);
            _ = await response.Content.ReadAsStringAsync();
        };
    }

    /// <summary>Sends call <c>index</c> through the OpenAI SDK client alone.</summary>
    public static Func<int, Task> SdkSender(ServerProcess server)
    {
        var client = new OpenAIModelClient("openai", "gpt-4.1-mini", server.BaseUrl + "/v1", "sk-bench-not-a-key");
        return index => client.CompleteAsync(BenchRequests.For(index), CancellationToken.None);
    }

    private static async Task<int> RunAsync(BenchArguments arguments, string name, Func<ServerProcess, Func<int, Task>> sender)
    {
        using var server = await ServerProcess.StartAsync(arguments);
        var send = sender(server);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name}: {arguments.Calls} calls paced at {arguments.RequestsPerMinute} a minute, {arguments.LatencyMilliseconds} ms latency"));

        var progress = new BenchProgress(arguments.Calls, () => 0);
        var calls = new List<Task>(arguments.Calls);
        using var pace = new PeriodicTimer(TimeSpan.FromMinutes(1.0 / arguments.RequestsPerMinute));
        for (var index = 0; index < arguments.Calls; index++)
        {
            calls.Add(SendAsync(send, index, progress));
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

    private static async Task SendAsync(Func<int, Task> send, int index, BenchProgress progress)
    {
        try
        {
            await send(index);
        }
        catch (Exception error) when (error is HttpRequestException or Runtime.Providers.ModelCallException)
        {
            // A floor counts CPU, not answers; the server's 429 count is reported.
        }

        progress.Completed();
    }
}
