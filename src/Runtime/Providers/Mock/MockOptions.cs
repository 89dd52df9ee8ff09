using System.Globalization;

namespace ItemEval.Runtime.Providers.Mock;

/// <summary>
/// A mock model's behaviour from its study.yaml options: <c>accuracy</c> (0..1, default 0.7), <c>latency_ms</c>
/// (default 0), <c>error_rate</c> and <c>empty_rate</c> (default 0), all deterministic per request. As a judge also
/// <c>position_bias</c> (share of pairwise verdicts that pick the first position whatever the answers) and
/// <c>parse_failure_rate</c> (share of verdicts written so that the output contract cannot read them), default 0.
/// </summary>
internal sealed record MockOptions(double Accuracy, int LatencyMs, double ErrorRate, double EmptyRate)
{
    public double PositionBias { get; init; }

    public double ParseFailureRate { get; init; }

    public static MockOptions From(IReadOnlyDictionary<string, string> options) =>
        new(Read(options, "accuracy", 0.7), (int)Read(options, "latency_ms", 0), Read(options, "error_rate", 0), Read(options, "empty_rate", 0))
        {
            PositionBias = Read(options, "position_bias", 0),
            ParseFailureRate = Read(options, "parse_failure_rate", 0),
        };

    private static double Read(IReadOnlyDictionary<string, string> options, string name, double fallback) =>
        options.TryGetValue(name, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
