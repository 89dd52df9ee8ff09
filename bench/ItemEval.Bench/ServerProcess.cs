using System.Diagnostics;
using System.Globalization;

namespace ItemEval.Bench;

/// <summary>The fake provider running in a child copy of this executable (see <see cref="ServeCommand"/>).</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<ServerProcess> StartAsync(BenchArguments arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // A profiler attached to the benchmark (dotnet-trace, dotnet-counters) is for the client; the child must not try
        // to join the same diagnostic port.
        start.Environment.Remove("DOTNET_DiagnosticPorts");

        // Under "dotnet ItemEval.Bench.dll" the process is the dotnet host, which needs the assembly to run again.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        }

        foreach (var argument in arguments.ToServerArguments())
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the fake provider process");
        var first = await process.StandardOutput.ReadLineAsync();
        if (first is null || !first.StartsWith("url=", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"the fake provider process did not report its address (it said '{first}')");
        }

        return new ServerProcess(process, first["url=".Length..]);
    }

    public async Task<ServerStats> StatsAsync()
    {
        await _process.StandardInput.WriteLineAsync("stats");
        await _process.StandardInput.FlushAsync();
        var line = await _process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the fake provider process exited");
        var fields = line.Split(' ').Select(part => part.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
        return new ServerStats(
            int.Parse(fields["requests"], CultureInfo.InvariantCulture),
            int.Parse(fields["too_many"], CultureInfo.InvariantCulture),
            TimeSpan.FromMilliseconds(double.Parse(fields["cpu_ms"], CultureInfo.InvariantCulture)));
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
