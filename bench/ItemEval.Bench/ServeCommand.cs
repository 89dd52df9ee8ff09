using System.Diagnostics;
using System.Globalization;
using ItemEval.FakeProviders;

namespace ItemEval.Bench;

/// <summary>
/// The child process: runs the fake provider so that its CPU time is not counted as the client's. It limits each
/// model to the RPM separately and states its quota in the limit headers, as providers do. It prints its
/// address, answers "stats" on stdin with its counters, and stops when stdin closes.
/// </summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Behavior.Latency = TimeSpan.FromMilliseconds(arguments.LatencyMilliseconds);
        server.Behavior.LatencyJitter = TimeSpan.FromMilliseconds(arguments.JitterMilliseconds);
        server.Behavior.RequestsPerMinute = arguments.RequestsPerMinute;
        if (arguments.FaultsPercent > 0)
        {
            var share = arguments.FaultsPercent / 100.0;
            server.Behavior.MixedFaults = new MixedFaults(seed: 8, p500: share, p503: share, reset: share, malformed: share, errorIn200: share);
        }

        Console.WriteLine($"url={server.BaseUrl}");

        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line == "stats")
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"requests={server.RequestCount} too_many={server.TooManyRequestsCount} billed={server.BilledRequests.Count} cpu_ms={cpu:F0}"));
            }
        }

        return 0;
    }
}
