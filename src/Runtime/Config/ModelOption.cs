namespace ItemEval.Runtime.Config;

/// <summary>One key a model's <c>options:</c> may hold, with its range (inclusive; <see cref="MinExclusive"/> for "above").</summary>
/// <param name="MockOnly">Read by the mock models only; a real provider would ignore it silently, so it is refused.</param>
internal sealed record ModelOption(string Name, OptionValue Value, double Min = 0, double Max = 0, bool MinExclusive = false, bool MockOnly = false)
{
    /// <summary>
    /// Every option something reads: the transport and pacing options (Providers.TransportOptions, RateLimitOptions,
    /// ProviderCatalog) and the mock's behaviour (Providers.Mock.MockOptions). A new option is one entry here.
    /// </summary>
    public static readonly ModelOption[] All =
    [
        new("base_url", OptionValue.HttpUrl),
        new("max_concurrency", OptionValue.WholeNumber, 1, StudyLimits.MaxConcurrency),
        new("rpm", OptionValue.WholeNumber, 1, StudyLimits.RequestsPerMinute),
        new("tpm", OptionValue.WholeNumber, 1, StudyLimits.TokensPerMinute),
        new("timeout_seconds", OptionValue.Number, 0, StudyLimits.TimeoutSeconds, MinExclusive: true),
        new("accuracy", OptionValue.Number, 0, 1, MockOnly: true),
        new("latency_ms", OptionValue.WholeNumber, 0, StudyLimits.MockLatencyMs, MockOnly: true),
        new("error_rate", OptionValue.Number, 0, 1, MockOnly: true),
        new("empty_rate", OptionValue.Number, 0, 1, MockOnly: true),
        new("position_bias", OptionValue.Number, 0, 1, MockOnly: true),
        new("parse_failure_rate", OptionValue.Number, 0, 1, MockOnly: true),
    ];

    public static IReadOnlyList<string> NamesFor(string provider) =>
        All.Where(option => !option.MockOnly || provider == "mock").Select(option => option.Name).ToList();
}
