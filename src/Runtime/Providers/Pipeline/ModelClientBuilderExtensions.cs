using ItemEval.Runtime.Providers.Caching;
using ItemEval.Runtime.Providers.Metering;
using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Runtime.Providers.Pipeline;

/// <summary>The layers of <see cref="ModelClientBuilder"/>, one <c>Use…</c> per concern (the M.E.AI builder-extension pairs).</summary>
public static class ModelClientBuilderExtensions
{
    /// <param name="read">False for --no-cache: always call, still store the fresh answer.</param>
    public static ModelClientBuilder UseResponseCache(this ModelClientBuilder builder, ResponseCache cache, bool read, SpendMeter? meter = null) =>
        builder.Use(inner => new CachingModelClient(inner, cache, read, meter?.Ledger));

    public static ModelClientBuilder UseRetries(this ModelClientBuilder builder, RetrySettings settings, IRetryObserver? observer) =>
        builder.Use(inner => inner.WithRetries(settings, observer));

    /// <summary>Each attempt past this point counts towards its provider's reachability (<see cref="ProviderReachability"/>).</summary>
    public static ModelClientBuilder UseReachabilityGuard(this ModelClientBuilder builder, ProviderReachability reachability) =>
        builder.Use(inner => new ReachabilityGuardModelClient(inner, reachability));

    public static ModelClientBuilder UseRateLimits(this ModelClientBuilder builder, ProviderRateLimiter limiter) =>
        builder.Use(inner => inner.WithRateLimits(limiter));

    public static ModelClientBuilder UseSpendMeter(this ModelClientBuilder builder, SpendMeter meter) =>
        builder.Use(inner => new MeteringModelClient(inner, meter));

    public static ModelClientBuilder UseAttemptTimeout(this ModelClientBuilder builder, TimeSpan timeout) =>
        builder.Use(inner => inner.WithAttemptTimeout(timeout));
}
