namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// A budget that refills continuously at a per-minute rate up to a small burst. A request larger than the burst
/// may start once the bucket is full and leaves it in debt, so large prompts are slowed but never starved.
/// </summary>
internal sealed class TokenBucket
{
    // Refill arithmetic is floating point; a hair short of a whole token must still count as the token.
    private const double Tolerance = 1e-9;

    private readonly double _burstFraction;
    private double _tokens;
    private DateTimeOffset _refilledAt;

    /// <param name="initialTokens">What the bucket holds at the start, capped at the burst.</param>
    public TokenBucket(double perMinute, double burstFraction, DateTimeOffset now, double initialTokens)
    {
        _burstFraction = burstFraction;
        _refilledAt = now;
        SetRate(perMinute, now);
        _tokens = Math.Min(initialTokens, Capacity);
    }

    public double PerMinute { get; private set; }

    public double Capacity { get; private set; }

    public double Available => _tokens;

    public void SetRate(double perMinute, DateTimeOffset now)
    {
        Refill(now);
        PerMinute = perMinute;
        Capacity = Math.Max(1, perMinute * _burstFraction);
        _tokens = Math.Min(_tokens, Capacity);
    }

    /// <summary>How long until <paramref name="cost"/> may be taken; zero when it may be taken now.</summary>
    public TimeSpan TimeUntilAvailable(double cost, DateTimeOffset now)
    {
        Refill(now);
        var deficit = Math.Min(cost, Capacity) - _tokens;
        var held = _refilledAt > now ? _refilledAt - now : TimeSpan.Zero;
        if (deficit <= Tolerance)
        {
            return held;
        }

        return held + TimeSpan.FromSeconds(deficit * 60 / PerMinute);
    }

    public void Take(double cost) => _tokens -= cost;

    /// <summary>Gives back (positive) or charges (negative) the difference between an estimate and the real cost.</summary>
    public void Adjust(double delta) => _tokens = Math.Min(Capacity, _tokens + delta);

    /// <summary>Nothing accrues until <paramref name="until"/>: a pause must not turn into a burst when it ends.</summary>
    public void HoldUntil(DateTimeOffset until, DateTimeOffset now)
    {
        Refill(now);
        if (until > _refilledAt)
        {
            _refilledAt = until;
        }
    }

    private void Refill(DateTimeOffset now)
    {
        if (now <= _refilledAt)
        {
            return;
        }

        _tokens = Math.Min(Capacity, _tokens + ((now - _refilledAt).TotalSeconds * PerMinute / 60));
        _refilledAt = now;
    }
}
