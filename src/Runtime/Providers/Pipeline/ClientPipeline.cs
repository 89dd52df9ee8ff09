using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers.Caching;
using ItemEval.Runtime.Providers.Catalog;
using ItemEval.Runtime.Providers.Metering;
using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Runtime.Providers.Pipeline;

/// <summary>
/// Builds the stack every call goes through, outermost first: response cache (a hit never waits, never pays) →
/// retries (each attempt is reserved and metered on its own, since each may be billed) → the provider's reachability
/// (a model whose provider cannot be connected to stops sending: <see cref="ProviderReachability"/>) → rate limiter → spend
/// reservation and ledger (a queued call holds no money; a sent one finishes on a soft stop) → attempt timeout → the
/// provider's client.
/// </summary>
public sealed class ClientPipeline : IDisposable
{
    private readonly Dictionary<string, ModelConfig> _models;
    private readonly ProviderRateLimiter _limiter;
    private readonly TimeProvider? _time;

    /// <param name="holds">Told when a model's calls are held for the provider's rate limit (the progress line).</param>
    public ClientPipeline(IEnumerable<ModelConfig> models, TimeProvider? time = null, IRateLimitObserver? holds = null)
    {
        _models = models.ToDictionary(model => model.Id, StringComparer.Ordinal);
        _time = time;
        _limiter = new ProviderRateLimiter(id => _models.TryGetValue(id, out var model) ? RateLimitOptions.For(model) : RateLimitSettings.DefaultFor(id), time, holds);
    }

    /// <param name="retries">The run's retry settings; the model's own <c>timeout_seconds</c> overrides their attempt timeout.</param>
    /// <param name="provider">The provider's own client; null builds the real one (tests pass a scripted one).</param>
    public IModelClient Build(ModelConfig model, IEnvironment environment, ResponseCache cache, bool readCache, SpendMeter meter, IRetryObserver observer, RetrySettings? retries = null, IModelClient? provider = null)
    {
        var settings = RetryOptions.For(model, retries);
        return new ModelClientBuilder(provider ?? ModelClientFactory.Create(model, environment))
            .UseResponseCache(cache, readCache, meter)
            .UseRetries(settings, observer)
            .UseReachabilityGuard(new ProviderReachability(settings, _time))
            .UseRateLimits(_limiter)
            .UseSpendMeter(meter)
            .UseAttemptTimeout(settings.AttemptTimeout)
            .Build();
    }

    public void Dispose() => _limiter.Dispose();
}
