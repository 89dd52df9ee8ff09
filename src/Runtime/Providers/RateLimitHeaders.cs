namespace ItemEval.Runtime.Providers;

/// <summary>
/// What a provider said about its limits (<c>x-ratelimit-*</c>, <c>anthropic-ratelimit-*</c>, <c>retry-after</c>),
/// normalised so the rate limiter can adapt without knowing the provider.
/// </summary>
public sealed record RateLimitHeaders(
    int? RemainingRequests = null,
    int? RemainingTokens = null,
    TimeSpan? ResetRequests = null,
    TimeSpan? ResetTokens = null,
    TimeSpan? RetryAfter = null,
    int? LimitRequests = null,
    int? LimitTokens = null);
