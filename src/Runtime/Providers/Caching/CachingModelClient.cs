using ItemEval.Runtime.Budget;

namespace ItemEval.Runtime.Providers.Caching;

/// <summary>
/// Serves a request from the response cache when its content was answered before (marking it a cache hit, $0),
/// otherwise calls the inner client and stores the answer. Errors and empty answers are never cached.
/// </summary>
public sealed class CachingModelClient : IModelClient
{
    private readonly IModelClient _inner;
    private readonly ResponseCache _cache;
    private readonly bool _read;
    private readonly LedgerSink? _ledger;

    /// <param name="read">False for --no-cache: always call, still store the fresh answer.</param>
    /// <param name="ledger">Gets a $0 row per hit, with the tokens the hit saved, so savings can be computed.</param>
    public CachingModelClient(IModelClient inner, ResponseCache cache, bool read = true, LedgerSink? ledger = null)
    {
        _inner = inner;
        _cache = cache;
        _read = read;
        _ledger = ledger;
    }

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        // Hashed once: the lookup and the store of a miss use the same hash.
        var key = CacheKey.For(request);
        var hash = key.ToHash();
        if (_read && _cache.TryGet(hash, out var cached))
        {
            _ledger?.AddCacheHit(request, cached.Usage);
            return cached with { CacheHit = true };
        }

        var response = await _inner.CompleteAsync(request, cancellationToken);

        // An empty answer (a budget spent on reasoning) is kept in the store but not cached, so on_empty: rerun can
        // really ask again.
        if (!string.IsNullOrWhiteSpace(response.Text))
        {
            _cache.Put(key, hash, response);
        }

        return response;
    }
}
