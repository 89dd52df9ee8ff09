namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// One key's limiter: a FIFO queue let through when a concurrency slot, a request and the estimated tokens are all
/// available, the key is not paused and the provider's stated quota has room. Every wait is a timer on the injected
/// <see cref="TimeProvider"/>, so tests drive it with a fake clock. Holds for the provider's limit (a 429, a used-up
/// quota) are told to an <see cref="IRateLimitObserver"/>.
/// </summary>
internal sealed class ModelRateGate : IDisposable
{
    private const int TooManyRequests = 429;

    private readonly Lock _lock = new();
    private readonly string _key;
    private readonly IRateLimitObserver? _observer;
    private readonly RateLimitSettings _settings;
    private readonly RateAdaptationSettings _adaptation;
    private readonly TimeProvider _time;
    private readonly LinkedList<PendingAcquire> _queue = new();

    // Callers whose outcome was decided under the lock; completed by the same method right after it leaves the lock.
    private readonly List<PendingAcquire> _decided = [];
    private readonly TokenBucket? _requests;
    private readonly TokenBucket? _tokens;
    private readonly AimdFactor _factor;
    private readonly WakeTimer _timer;
    private readonly HeaderQuota _quota;
    // The calls in flight: their number is the concurrency in use, and the quota charges those the provider may not have counted.
    private readonly HashSet<RateLimitPermit> _inFlightPermits = [];
    private DateTimeOffset _pausedUntil;
    private string _pauseReason = "";
    private long _granted;
    private long _grantedTokens;

    // The hold last reported, so each hold is told once; and the one to tell after leaving the lock.
    private DateTimeOffset? _reportedHoldUntil;
    private RateLimitHold? _held;

    public ModelRateGate(string key, RateLimitSettings settings, RateAdaptationSettings adaptation, TimeProvider time, IRateLimitObserver? observer = null)
    {
        settings.Validate();
        _key = key;
        _observer = observer;
        _quota = new HeaderQuota(adaptation.DefaultPause);
        _settings = settings;
        _adaptation = adaptation;
        _time = time;
        var now = time.GetUtcNow();
        _pausedUntil = now;
        _factor = new AimdFactor(adaptation, now);
        // Requests start with one, not a full burst: a provider counting a strict sliding minute would otherwise see the
        // burst plus a full minute's worth in the first minute of a run, and answer the excess with 429s. Tokens start
        // full, since one request's prompt can be larger than a second's worth and would otherwise wait before the first call.
        _requests = settings.RequestsPerMinute is { } rpm
            ? new TokenBucket(Paced(rpm), adaptation.BurstFraction, now, initialTokens: 1)
            : null;
        _tokens = settings.TokensPerMinute is { } tpm
            ? new TokenBucket(Paced(tpm), adaptation.BurstFraction, now, initialTokens: double.PositiveInfinity)
            : null;
        _timer = new WakeTimer(time, OnTimer);
    }

    private int EffectiveConcurrency =>
        _settings.MaxConcurrency is { } max ? Math.Max(1, (int)Math.Floor(max * _factor.Value)) : int.MaxValue;

    public async Task<RateLimitPermit> AcquireAsync(int estimatedTokens, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingAcquire(estimatedTokens);
        GateOutcome outcome;
        lock (_lock)
        {
            pending.Node = _queue.AddLast(pending);
            Pump();
            outcome = TakeOutcome();
        }

        // Our own turn, granted at once, completes here with nothing yet awaiting it: no hop to another thread.
        Complete(outcome, here: pending);
        if (pending.Turn.IsCompleted)
        {
            return await pending.Turn;
        }

        // Disposed after the turn came (never under the lock): disposing waits for a running cancel callback.
        using var registration = cancellationToken.Register(() => Withdraw(pending, cancellationToken));
        return await pending.Turn;
    }

    public void Release(RateLimitPermit permit)
    {
        GateOutcome outcome;
        lock (_lock)
        {
            _inFlightPermits.Remove(permit);
            Pump();
            outcome = TakeOutcome();
        }

        // On the pool: running the next caller here, inside the previous call's finally, could recurse call after call.
        Complete(outcome, here: null);
    }

    public void OnSucceeded(RateLimitPermit permit, ModelResponse response)
    {
        GateOutcome outcome;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (_tokens is not null && Budget.TokenEstimator.Actual(response.Usage) is { } actual)
            {
                _tokens.Adjust(permit.EstimatedTokens - actual);
            }

            _quota.Observe(response.RateLimits, permit, _granted, now);
            outcome = TakeOutcome();
        }

        Complete(outcome, here: null);
    }

    public void OnFailed(RateLimitPermit permit, ModelCallException failure)
    {
        GateOutcome outcome;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            // A non-transient 429 (OpenAI's insufficient_quota) is a billing problem, not a pace to adapt to.
            if (failure is { StatusCode: TooManyRequests, IsTransient: true })
            {
                Throttled(permit, failure.RateLimits, now);
            }
            else
            {
                // Its quota headers are fresh news; a 429's are not used, since its pause already covers them and
                // their reset (a full quota) is usually later than Retry-After (the next free slot).
                _quota.Observe(failure.RateLimits, permit, _granted, now);
            }

            outcome = TakeOutcome();
        }

        Complete(outcome, here: null);
    }

    public RateGateSnapshot Snapshot()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (_factor.Recover(now))
            {
                ApplyFactor(now);
            }

            return new RateGateSnapshot(
                _factor.Value,
                _settings.MaxConcurrency is null ? null : EffectiveConcurrency,
                _requests?.PerMinute,
                _tokens?.PerMinute,
                _inFlightPermits.Count,
                _queue.Count,
                _granted,
                _pausedUntil);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Throttled(RateLimitPermit permit, RateLimitHeaders? headers, DateTimeOffset now)
    {
        PauseUntil(now + ProviderSignals.PauseAfterThrottle(headers, _adaptation), now, reason: "429");
        if (_factor.Throttled(permit.GrantNumber, _granted, _pausedUntil))
        {
            ApplyFactor(now);
        }
    }

    private void PauseUntil(DateTimeOffset until, DateTimeOffset now, string reason)
    {
        if (until <= _pausedUntil)
        {
            return;
        }

        _pausedUntil = until;
        _pauseReason = reason;
        _requests?.HoldUntil(until, now);
        _tokens?.HoldUntil(until, now);
        Pump();
    }

    private void ApplyFactor(DateTimeOffset now)
    {
        _requests?.SetRate(Paced(_settings.RequestsPerMinute!.Value), now);
        _tokens?.SetRate(Paced(_settings.TokensPerMinute!.Value), now);
    }

    /// <summary>The rate the buckets refill at: the configured limit, scaled by the factor, less the headroom.</summary>
    private double Paced(int configuredPerMinute) => configuredPerMinute * _factor.Value * (1 - _adaptation.Headroom);

    private void Withdraw(PendingAcquire pending, CancellationToken cancellationToken)
    {
        GateOutcome outcome;
        lock (_lock)
        {
            if (pending.Node?.List is null)
            {
                return;
            }

            _queue.Remove(pending.Node);
            pending.Cancel(cancellationToken);
            _decided.Add(pending);
            Pump();
            outcome = TakeOutcome();
        }

        Complete(outcome, here: null);
    }

    private void OnTimer()
    {
        GateOutcome outcome;
        lock (_lock)
        {
            _timer.Fired();
            Pump();
            outcome = TakeOutcome();
        }

        // The timer's thread starts the calls it let through: one thread woken per grant, not two.
        foreach (var pending in outcome.Decided)
        {
            pending.CompleteHere();
        }

        Notify(outcome.Held);
    }

    private GateOutcome TakeOutcome()
    {
        var held = _held;
        _held = null;
        if (_decided.Count == 0)
        {
            return new GateOutcome([], held);
        }

        var decided = _decided.ToArray();
        _decided.Clear();
        return new GateOutcome(decided, held);
    }

    /// <summary>Acts off the lock: completes decided callers (<paramref name="here"/> on this thread, the rest on the pool), reports a hold.</summary>
    private void Complete(GateOutcome outcome, PendingAcquire? here)
    {
        foreach (var pending in outcome.Decided)
        {
            if (ReferenceEquals(pending, here))
            {
                pending.CompleteHere();
            }
            else
            {
                pending.CompleteOnPool();
            }
        }

        Notify(outcome.Held);
    }

    private void Notify(RateLimitHold? held)
    {
        if (held is not null)
        {
            _observer?.OnHeld(held);
        }
    }

    /// <summary>Notes a hold to report, once per hold and only while calls wait on it. Holds the lock.</summary>
    private void Hold(DateTimeOffset until, string reason, DateTimeOffset now)
    {
        if (_reportedHoldUntil == until)
        {
            return;
        }

        _reportedHoldUntil = until;
        _held = new RateLimitHold(_key, until - now, reason);
    }

    /// <summary>Lets through every caller whose turn has come, then sets the timer for the next one. Holds the lock.</summary>
    private void Pump()
    {
        var now = _time.GetUtcNow();
        if (_factor.Recover(now))
        {
            ApplyFactor(now);
        }

        DateTimeOffset? wake = null;
        while (_queue.First is { } head)
        {
            if (now < _pausedUntil)
            {
                wake = _pausedUntil;
                Hold(_pausedUntil, _pauseReason, now);
                break;
            }

            if (_inFlightPermits.Count >= EffectiveConcurrency)
            {
                break; // Release pumps again.
            }

            if (_quota.Blocking(head.Value.EstimatedTokens, _granted, _grantedTokens, _inFlightPermits, now) is { } quota)
            {
                // Answers still in flight bring fresher readings (Release pumps again); with none, it is a real hold.
                wake = quota.ResetAt;
                if (_inFlightPermits.Count == 0)
                {
                    Hold(quota.ResetAt, quota.Describe(), now);
                }

                break;
            }

            var wait = TimeUntilBudget(head.Value.EstimatedTokens, now);
            if (wait > TimeSpan.Zero)
            {
                wake = now + wait;
                break;
            }

            _queue.RemoveFirst();
            Grant(head.Value, now);
        }

        if (_queue.Count > 0 && _factor.NextRecoveryAt is { } recovery && (wake is null || recovery < wake))
        {
            wake = recovery;
        }

        _timer.Aim(wake, now);
    }

    private TimeSpan TimeUntilBudget(int estimatedTokens, DateTimeOffset now)
    {
        var forRequest = _requests?.TimeUntilAvailable(1, now) ?? TimeSpan.Zero;
        var forTokens = _tokens?.TimeUntilAvailable(estimatedTokens, now) ?? TimeSpan.Zero;
        return forRequest > forTokens ? forRequest : forTokens;
    }

    private void Grant(PendingAcquire pending, DateTimeOffset now)
    {
        _requests?.Take(1);
        _tokens?.Take(pending.EstimatedTokens);
        _granted++;
        _grantedTokens += pending.EstimatedTokens;
        var permit = new RateLimitPermit(this, _granted, pending.EstimatedTokens, _grantedTokens, now);
        _inFlightPermits.Add(permit);
        pending.Grant(permit);
        _decided.Add(pending);
    }
}
