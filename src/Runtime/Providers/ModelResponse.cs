using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Providers;

/// <summary>What came back from one call.</summary>
/// <param name="FinishReason">stop, length, content_filter, … as the provider said it.</param>
/// <param name="EffectiveParameters">The parameters actually sent after the parameter policy (null: as requested).</param>
/// <param name="RateLimits">Limit headers of the response, for the adaptive rate limiter.</param>
/// <param name="CacheHit">Served from the response cache: nothing was sent and nothing is paid.</param>
/// <param name="Retries">How many times the retry layer tried again before this answer (0: first attempt).</param>
public sealed record ModelResponse(
    string Text,
    string FinishReason,
    TokenUsage Usage,
    TimeSpan Latency,
    string? ProviderRequestId = null,
    LaneParameters? EffectiveParameters = null,
    RateLimitHeaders? RateLimits = null,
    bool CacheHit = false,
    int Retries = 0);
