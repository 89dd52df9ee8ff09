namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// What a key's rate-limit headers said was left (<c>x-ratelimit-remaining-*</c>, <c>anthropic-ratelimit-*</c>) and
/// until when. A key spends exactly that, charging every call the provider may not have counted yet, and only then
/// holds until the stated reset: a low but nonzero remaining lets that many calls through, and a hold lasts only as
/// long as the headers say.
/// </summary>
/// <remarks>
/// Answers overtake each other, and a reading cannot say which calls in flight the provider had already counted. So
/// each reading charges every call let through after its own and those before it still in flight, and the most
/// pessimistic of the readings not certainly superseded decides (<see cref="QuotaReadings"/>). The over-count shrinks as calls land (their own answers are readings too), so the
/// last calls of a quota still go without waiting for the reset. Not guarded: the gate's lock.
/// </remarks>
internal sealed class HeaderQuota(TimeSpan defaultReset)
{
    private readonly QuotaReadings _requests = new();
    private readonly QuotaReadings _tokens = new();

    /// <param name="granted">Calls let through so far.</param>
    public void Observe(RateLimitHeaders? headers, RateLimitPermit permit, long granted, DateTimeOffset now)
    {
        if (headers is null)
        {
            return;
        }

        if (headers.RemainingRequests is { } requests)
        {
            _requests.Add(new QuotaReading(requests, headers.LimitRequests, "requests", now + (headers.ResetRequests ?? defaultReset), permit.GrantNumber, permit.GrantNumber, granted));
        }

        if (headers.RemainingTokens is { } tokens)
        {
            _tokens.Add(new QuotaReading(tokens, headers.LimitTokens, "tokens", now + (headers.ResetTokens ?? defaultReset), permit.GrantNumber, permit.TokensGrantedThrough, granted));
        }
    }

    /// <summary>The reading that holds back a call of <paramref name="estimatedTokens"/>; null when it may go.</summary>
    /// <param name="granted">Calls let through so far.</param>
    /// <param name="grantedTokens">Estimated tokens let through so far.</param>
    /// <param name="inFlight">The calls in flight.</param>
    public QuotaReading? Blocking(int estimatedTokens, long granted, long grantedTokens, IReadOnlyCollection<RateLimitPermit> inFlight, DateTimeOffset now)
    {
        var requests = _requests.Tightest(granted, inFlight, _ => 1, now);
        var tokens = _tokens.Tightest(grantedTokens, inFlight, permit => permit.EstimatedTokens, now);
        var requestsBlock = requests is { Left: < 1 };
        var tokensBlock = tokens is { } spent && spent.Left < estimatedTokens;
        return (requestsBlock, tokensBlock) switch
        {
            (true, true) => tokens!.Reading.ResetAt > requests!.Reading.ResetAt ? tokens.Reading : requests.Reading,
            (true, false) => requests!.Reading,
            (false, true) => tokens!.Reading,
            _ => null,
        };
    }
}
