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
    public static CacheKey For(ModelRequest request) =>
        new(
            request.Model,
            request.Messages,
            request.Parameters,
            request.Epoch,
            TransportOptions.Without(request.Options).Select(pair => $"{pair.Key}={pair.Value}").ToList());

    public string ToHash() => ContentHash.Of(this);
}
