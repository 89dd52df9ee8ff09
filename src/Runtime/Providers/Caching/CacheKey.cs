using ItemEval.Runtime.Config;
using ItemEval.Runtime.Hashing;

namespace ItemEval.Runtime.Providers.Caching;

/// <summary>
/// What a cached response is keyed on: the request's content (model, messages, every generation parameter, epoch,
/// and the options that change the answer) — never the endpoint or the key, so a different base URL or account
/// still finds the response.
/// </summary>
public sealed record CacheKey(
    string Model,
    IReadOnlyList<ChatMessage> Messages,
    LaneParameters Parameters,
    int Epoch,
    IReadOnlyList<string> Options)
{
    /// <summary>Options about where and how to connect, not what to generate.</summary>
    private static readonly HashSet<string> TransportOptions = new(StringComparer.OrdinalIgnoreCase) { "base_url", "latency_ms", "timeout_seconds" };

    public static CacheKey For(ModelRequest request) =>
        new(
            request.Model,
            request.Messages,
            request.Parameters,
            request.Epoch,
            request.Options.Where(pair => !TransportOptions.Contains(pair.Key))
                .OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => $"{pair.Key}={pair.Value}")
                .ToList());

    public string ToHash() => ContentHash.Of(this);
}
