namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>Reads rate-limit headers as instructions: how long to pause after a 429, and whether the budget is low.</summary>
internal static class ProviderSignals
{
    /// <summary>Retry-After if given, else the longer reset time, else the default.</summary>
    public static TimeSpan PauseAfterThrottle(RateLimitHeaders? headers, RateAdaptationSettings adaptation) =>
        headers?.RetryAfter ?? Longer(headers?.ResetRequests, headers?.ResetTokens) ?? adaptation.DefaultPause;

    /// <summary>
    /// How long to hold the key because the provider says the remaining requests or tokens are nearly gone (at or
    /// under <see cref="RateAdaptationSettings.LowRemainingFraction"/> of the stated limit, or zero when no limit is
    /// stated); null when there is budget left.
    /// </summary>
    public static TimeSpan? PauseForLowBudget(RateLimitHeaders? headers, RateAdaptationSettings adaptation)
    {
        if (headers is null)
        {
            return null;
        }

        var requests = IsLow(headers.RemainingRequests, headers.LimitRequests, adaptation) ? headers.ResetRequests : null;
        var tokens = IsLow(headers.RemainingTokens, headers.LimitTokens, adaptation) ? headers.ResetTokens : null;
        return Longer(requests, tokens);
    }

    private static bool IsLow(int? remaining, int? limit, RateAdaptationSettings adaptation) =>
        remaining is { } left && left <= (limit is { } stated ? stated * adaptation.LowRemainingFraction : 0);

    private static TimeSpan? Longer(TimeSpan? first, TimeSpan? second) =>
        first is null ? second : second is null ? first : first > second ? first : second;
}
