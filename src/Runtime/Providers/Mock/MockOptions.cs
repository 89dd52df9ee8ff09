using System.Globalization;

namespace ItemEval.Runtime.Providers.Mock;

/// <summary>
/// A mock model's behaviour from its study.yaml options: <c>accuracy</c> (0..1, default 0.7), <c>latency_ms</c>
/// (default 0), <c>error_rate</c> and <c>empty_rate</c> (default 0), all deterministic per request.
/// </summary>
internal sealed record MockOptions(double Accuracy, int LatencyMs, double ErrorRate, double EmptyRate)
{
    public static MockOptions From(IReadOnlyDictionary<string, string> options) =>
        new(Read(options, "accuracy", 0.7), (int)Read(options, "latency_ms", 0), Read(options, "error_rate", 0), Read(options, "empty_rate", 0));

    private static double Read(IReadOnlyDictionary<string, string> options, string name, double fallback) =>
        options.TryGetValue(name, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
