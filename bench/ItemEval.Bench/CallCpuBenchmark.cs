using System.Globalization;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Caching;
using ItemEval.Runtime.Providers.Metering;
using ItemEval.Runtime.Providers.OpenAI;
using ItemEval.Runtime.Providers.Pipeline;
using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Bench;

/// <summary>
/// Issue 10's "CPU per interactive call ≤ 1.2 × a bare HttpClient POST": <c>--calls</c> distinct calls at
/// <c>--concurrency</c> in flight, unpaced, to the fake provider (child process) at zero latency and no limit, sent
/// one of three ways (<c>--mode</c>): <c>bare</c> HttpClient POSTs of the same body, the OpenAI <c>sdk</c> client alone,
/// or the whole <c>pipeline</c> a Generate run builds (response cache → retries → rate limiter → spend meter → attempt
/// timeout → OpenAI SDK client, with a real cache pack and ledger), or those <c>layers</c> alone over an in-process
/// provider that answers at once (<see cref="InstantProvider"/>; the server sees nothing). One mode per process, so
/// each is measured alone.
/// </summary>
internal static class CallCpuBenchmark
{
    private const string Model = "openai/gpt-4.1-mini";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var mode = BenchOptions.Value(args, "--mode") ?? "pipeline";
        // 40,000 by default: the second half of the run is the steady state a long study runs in (BenchProgress).
        var calls = int.Parse(BenchOptions.Value(args, "--calls") ?? "40000", NumberStyles.None, CultureInfo.InvariantCulture);
        var concurrency = int.Parse(BenchOptions.Value(args, "--concurrency") ?? "16", NumberStyles.None, CultureInfo.InvariantCulture);

        // No limit at the provider either: a minute's window far above what the run sends.
        using var server = await ServerProcess.StartAsync(new BenchArguments(calls, RequestsPerMinute: 100_000_000, LatencyMilliseconds: 0, concurrency));
        var directory = Path.Combine(Path.GetTempPath(), "itemeval-callcpu-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        try
        {
            using var cache = new ResponseCache(Path.Combine(directory, "cache"));
            using var pipeline = new ClientPipeline([ModelFor(server, concurrency)]);

            // Generate journals each paid attempt before sending it (InFlightJournal): part of a call's cost.
            using var journal = InFlightJournal.For(directory, "bench");
            var send = mode switch
            {
                "bare" => FloorBenchmarks.BareSender(server),
                "sdk" => FloorBenchmarks.SdkSender(server),
                "pipeline" => Pipeline(ModelFor(server, concurrency), pipeline, cache, journal),
                "layers" => Pipeline(ModelFor(server, concurrency), pipeline, cache, journal, new InstantProvider()),
                "sdk-timed" => TimedSdk(server),
                _ => throw new ArgumentException($"--mode {mode}: expected bare, sdk, sdk-timed, pipeline or layers"),
            };

            Console.WriteLine($"call-cpu --mode {mode}: {calls} calls, {concurrency} in flight, zero latency, no limit");
            var progress = new BenchProgress(calls, () => 0);
            await Parallel.ForEachAsync(
                Enumerable.Range(0, calls),
                new ParallelOptions { MaxDegreeOfParallelism = concurrency },
                async (index, _) =>
                {
                    await send(index);
                    progress.Completed();
                });
            var run = progress.Meter.Read();
            var stats = await server.StatsAsync();
            BenchTable.Print(
                ("wall time", $"{run.Elapsed.TotalSeconds:F1} s"),
                ("calls per second", $"{calls / run.Elapsed.TotalSeconds:F0}"),
                ("requests the provider saw", $"{stats.Requests}"),
                ("fake provider CPU time (child process)", $"{stats.ProcessorTime.TotalSeconds:F2} s"));
            progress.PrintCpu(run);
            return stats.Requests == (mode == "layers" ? 0 : calls) ? 0 : 1;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The model as a study would state it: the fake server's base URL, and the run's concurrency as its own.</summary>
    private static ModelConfig ModelFor(ServerProcess server, int concurrency) =>
        new(
            Model,
            [],
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["base_url"] = server.BaseUrl + "/v1",
                ["max_concurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
            },
            SourceLocation.Start("bench"));

    /// <summary>
    /// The SDK client under the attempt timeout alone, called with a token that can be cancelled (the pipeline's is the
    /// spend meter's abort): what cancellation plumbing costs once a token can fire, against <c>sdk</c>'s none.
    /// </summary>
    private static Func<int, Task> TimedSdk(ServerProcess server)
    {
        var client = new OpenAIModelClient("openai", "gpt-4.1-mini", server.BaseUrl + "/v1", "sk-bench-not-a-key")
            .WithAttemptTimeout(RetrySettings.Default.AttemptTimeout);
        var abort = new CancellationTokenSource();
        return index => client.CompleteAsync(BenchRequests.For(index), abort.Token);
    }

    /// <param name="provider">Null: the real OpenAI client for the model, as Generate builds it.</param>
    private static Func<int, Task> Pipeline(ModelConfig model, ClientPipeline pipeline, ResponseCache cache, InFlightJournal journal, IModelClient? provider = null)
    {
        var ledger = new LedgerSink("bench", "generate");
        var meter = new SpendMeter(PriceTable.For(BudgetConfig.Unlimited), new SpendReservations(null, 0m), ledger, journal);
        var client = pipeline.Build(model, new BenchEnvironment(), cache, readCache: true, meter, new CountingRetryObserver(), provider: provider);
        return async index =>
        {
            await client.CompleteAsync(BenchRequests.For(index), CancellationToken.None);

            // Generate's writer drains the ledger into the store; here it is only kept from growing.
            ledger.Drain();
        };
    }
}
