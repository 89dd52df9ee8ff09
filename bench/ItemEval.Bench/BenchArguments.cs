using System.Globalization;
using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Bench;

/// <summary>The knobs of the benchmarks; the defaults are the issues' settings.</summary>
/// <param name="Calls">Calls in all (<c>rate-limits</c>, the floors) or per model (<c>generate-limits</c>).</param>
/// <param name="JitterMilliseconds">Each answer's latency varies uniformly by up to this either way.</param>
/// <param name="FaultsPercent">
/// <c>serve</c> only: the share of requests, in percent, that get each of five faults (500, 503, reset, malformed
/// body, error object in a 200) — for trying a study against a misbehaving provider by hand.
/// </param>
internal sealed record BenchArguments(int Calls, int RequestsPerMinute, int LatencyMilliseconds, int Concurrency, int JitterMilliseconds = 0, int FaultsPercent = 0)
{
    /// <summary>The 2,000-call, 600-RPM setting of issue 3 (<c>rate-limits</c> and the floors).</summary>
    public static IReadOnlyDictionary<string, int> ClientDefaults { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["--calls"] = 2000,
        ["--rpm"] = 600,
        ["--latency-ms"] = 50,
        ["--concurrency"] = 16,
        ["--jitter-ms"] = 0,
        ["--faults-percent"] = 0,
    };

    /// <summary>The shape users run, from issue 8: 300 calls per model, 300 RPM per model, 200 ± 100 ms.</summary>
    public static IReadOnlyDictionary<string, int> StudyDefaults { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["--calls"] = 300,
        ["--rpm"] = 300,
        ["--latency-ms"] = 200,
        ["--concurrency"] = RateLimitSettings.DefaultConcurrency,
        ["--jitter-ms"] = 100,
        ["--faults-percent"] = 0,
    };

    /// <summary>Issue 11's batch benchmark: 50,000 cells per model; the fake provider answers a batch at once.</summary>
    public static IReadOnlyDictionary<string, int> BatchDefaults { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["--calls"] = 50_000,
        ["--rpm"] = 1_000_000,
        ["--latency-ms"] = 1, // interactive calls only; a batch is answered on its first status read
        ["--concurrency"] = RateLimitSettings.DefaultConcurrency,
        ["--jitter-ms"] = 0,
        ["--faults-percent"] = 0,
    };

    public static BenchArguments Parse(IEnumerable<string> args, IReadOnlyDictionary<string, int>? defaults = null)
    {
        var values = new Dictionary<string, int>(defaults ?? ClientDefaults, StringComparer.Ordinal);
        using var items = args.GetEnumerator();
        while (items.MoveNext())
        {
            var name = items.Current;
            if (!values.ContainsKey(name) || !items.MoveNext()
                || !int.TryParse(items.Current, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || (value < 1 && name is not ("--jitter-ms" or "--faults-percent" or "--latency-ms")))
            {
                throw new ArgumentException($"'{name}' is not one of {string.Join(", ", values.Keys)} followed by a whole number (positive, but for --latency-ms, --jitter-ms and --faults-percent, which may be 0).");
            }

            values[name] = value;
        }

        return new BenchArguments(values["--calls"], values["--rpm"], values["--latency-ms"], values["--concurrency"], values["--jitter-ms"], values["--faults-percent"]);
    }

    public IEnumerable<string> ToServerArguments() =>
        ["serve", "--rpm", Invariant(RequestsPerMinute), "--latency-ms", Invariant(LatencyMilliseconds), "--jitter-ms", Invariant(JitterMilliseconds)];

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
