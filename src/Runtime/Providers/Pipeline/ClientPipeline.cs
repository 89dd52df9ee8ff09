using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers.Caching;
using ItemEval.Runtime.Providers.Catalog;
using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Runtime.Providers.Pipeline;

/// <summary>
/// Builds the stack every call goes through, outermost first: response cache (a hit never waits for a limit) →
/// retries → rate limiter → attempt timeout → the provider's client.
/// </summary>
public sealed class ClientPipeline : IDisposable
{
    private readonly Dictionary<string, ModelConfig> _models;
    private readonly ProviderRateLimiter _limiter;

    /// <param name="holds">Told when a model's calls are held for the provider's rate limit (the progress line).</param>
    public ClientPipeline(IEnumerable<ModelConfig> models, TimeProvider? time = null, IRateLimitObserver? holds = null)
    {
        _models = models.ToDictionary(model => model.Id, StringComparer.Ordinal);
        _limiter = new ProviderRateLimiter(id => _models.TryGetValue(id, out var model) ? RateLimitOptions.For(model) : RateLimitSettings.DefaultFor(id), time, holds);
    }

    public IModelClient Build(ModelConfig model, IEnvironment environment, ResponseCache cache, bool readCache, IRetryObserver observer, RetrySettings? retries = null) =>
        new CachingModelClient(ModelClientFactory.Create(model, environment).WithResilience(_limiter, retries, observer), cache, readCache);

    public void Dispose() => _limiter.Dispose();
}
