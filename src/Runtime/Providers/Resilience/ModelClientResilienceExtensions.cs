namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// Builder-style wrapping of an <see cref="IModelClient"/>. Each call wraps the client it is called on, so the
/// last call is the outermost layer: <c>client.WithAttemptTimeout(t).WithRateLimits(l).WithRetries(s)</c>, which
/// <see cref="WithResilience"/> composes for you.
/// </summary>
public static class ModelClientResilienceExtensions
{
    /// <summary>Retries transient failures of <paramref name="client"/> (see <see cref="RetryingModelClient"/>).</summary>
    public static IModelClient WithRetries(
        this IModelClient client,
        RetrySettings? settings = null,
        IRetryObserver? observer = null,
        TimeProvider? timeProvider = null) =>
        new RetryingModelClient(client, settings, observer, timeProvider);

    /// <summary>Queues every call of <paramref name="client"/> under the shared limiter.</summary>
    public static IModelClient WithRateLimits(this IModelClient client, ProviderRateLimiter limiter) =>
        new RateLimitingModelClient(client, limiter);

    /// <summary>Abandons a single call of <paramref name="client"/> after <paramref name="timeout"/>.</summary>
    public static IModelClient WithAttemptTimeout(this IModelClient client, TimeSpan timeout, TimeProvider? timeProvider = null) =>
        new TimeoutModelClient(client, timeout, timeProvider);

    /// <summary>
    /// The layers in the one order that works: retries outermost; then the limiter, so each attempt queues and a
    /// 429 reaches it; then the attempt timeout around the provider call alone, so queueing never times out.
    /// </summary>
    public static IModelClient WithResilience(
        this IModelClient client,
        ProviderRateLimiter limiter,
        RetrySettings? settings = null,
        IRetryObserver? observer = null,
        TimeProvider? timeProvider = null)
    {
        settings ??= RetrySettings.Default;
        return client
            .WithAttemptTimeout(settings.AttemptTimeout, timeProvider)
            .WithRateLimits(limiter)
            .WithRetries(settings, observer, timeProvider);
    }
}
