namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>Reads rate-limit headers as instructions: how long to pause after a 429 (what is left of a quota: <see cref="HeaderQuota"/>).</summary>
internal static class ProviderSignals
{
    /// <summary>Retry-After if given, else the longer reset time, else the default.</summary>
    public static TimeSpan PauseAfterThrottle(RateLimitHeaders? headers, RateAdaptationSettings adaptation) =>
        headers?.RetryAfter ?? Longer(headers?.ResetRequests, headers?.ResetTokens) ?? adaptation.DefaultPause;

    private static TimeSpan? Longer(TimeSpan? first, TimeSpan? second) =>
        first is null ? second : second is null ? first : first > second ? first : second;
}
