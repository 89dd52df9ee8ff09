namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// The share of the configured limits a key may use, adapted the way TCP adapts its window: halved on a 429
/// (multiplicative decrease), raised by a step after each calm period (additive increase).
/// </summary>
internal sealed class AimdFactor(RateAdaptationSettings settings, DateTimeOffset now)
{
    private DateTimeOffset _calmSince = now;

    // Calls granted before the last cut were sent at the old rate; their 429s say nothing new and must not cut again.
    private long _cutAtGrant;

    public double Value { get; private set; } = 1;

    /// <summary>When the next recovery step is due, or null at full rate.</summary>
    public DateTimeOffset? NextRecoveryAt => Value < 1 ? _calmSince + settings.CalmPeriod : null;

    /// <summary>Reacts to a 429; true when the factor changed.</summary>
    /// <param name="grantNumber">The throttled call's place in the grant order.</param>
    /// <param name="grantedSoFar">Grants so far: the calls still sent at the old rate.</param>
    /// <param name="calmFrom">When the quiet period may start counting (the end of the pause).</param>
    public bool Throttled(long grantNumber, long grantedSoFar, DateTimeOffset calmFrom)
    {
        if (calmFrom > _calmSince)
        {
            _calmSince = calmFrom;
        }

        if (grantNumber <= _cutAtGrant)
        {
            return false;
        }

        _cutAtGrant = grantedSoFar;
        var halved = Math.Max(settings.MinimumFactor, Value / 2);
        var changed = halved < Value;
        Value = halved;
        return changed;
    }

    /// <summary>Takes every recovery step that is due at <paramref name="now"/>; true when the factor changed.</summary>
    public bool Recover(DateTimeOffset now)
    {
        var changed = false;
        while (Value < 1 && now - _calmSince >= settings.CalmPeriod)
        {
            Value = Math.Min(1, Value + settings.RecoveryStep);
            _calmSince += settings.CalmPeriod;
            changed = true;
        }

        return changed;
    }
}
