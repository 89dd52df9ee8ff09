namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>How the limiter reacts to what providers say: the AIMD constants and the thresholds for headers.</summary>
internal sealed record RateAdaptationSettings
{
    public static RateAdaptationSettings Default { get; } = new();

    /// <summary>Halving stops here, so a key never starves completely.</summary>
    public double MinimumFactor { get; init; } = 1.0 / 16;

    /// <summary>Without a 429 for this long, the share of the configured limits grows by one step.</summary>
    public TimeSpan CalmPeriod { get; init; } = TimeSpan.FromSeconds(30);

    public double RecoveryStep { get; init; } = 0.125;

    /// <summary>
    /// The share of a per-minute limit left unused. Pacing at exactly the limit meets a provider's sliding minute
    /// with no slack: one request delayed on its way in (a cold connection, the first call's JIT) lets the one a
    /// minute later land inside the same window and draw a 429, which halves the rate for two minutes.
    /// </summary>
    public double Headroom { get; init; } = 0.02;

    /// <summary>The burst a bucket holds, as a share of its per-minute rate: 1/20 is three seconds' worth.</summary>
    public double BurstFraction { get; init; } = 1.0 / 20;

    /// <summary>The pause after a 429 that carries neither Retry-After nor reset times, and the hold when the headers
    /// say a quota is used up without saying when it resets.</summary>
    public TimeSpan DefaultPause { get; init; } = TimeSpan.FromSeconds(2);
}
