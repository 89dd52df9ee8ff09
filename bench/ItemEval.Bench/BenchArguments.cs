using System.Globalization;

namespace ItemEval.Bench;

/// <summary>The knobs of the rate-limit benchmark; the defaults are the issue's setting.</summary>
internal sealed record BenchArguments(int Calls, int RequestsPerMinute, int LatencyMilliseconds, int Concurrency)
{
    public static BenchArguments Parse(IEnumerable<string> args)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["--calls"] = 2000,
            ["--rpm"] = 600,
            ["--latency-ms"] = 50,
            ["--concurrency"] = 16,
        };
        using var items = args.GetEnumerator();
        while (items.MoveNext())
        {
            var name = items.Current;
            if (!values.ContainsKey(name) || !items.MoveNext()
                || !int.TryParse(items.Current, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                throw new ArgumentException($"'{name}' is not one of {string.Join(", ", values.Keys)} followed by a positive whole number.");
            }

            values[name] = value;
        }

        return new BenchArguments(values["--calls"], values["--rpm"], values["--latency-ms"], values["--concurrency"]);
    }

    public IEnumerable<string> ToServerArguments() =>
        ["serve", "--rpm", Invariant(RequestsPerMinute), "--latency-ms", Invariant(LatencyMilliseconds)];

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
