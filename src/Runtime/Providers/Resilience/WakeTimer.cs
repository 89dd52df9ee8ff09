namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>A one-shot timer on a <see cref="TimeProvider"/> that is re-aimed at the next moment something can change.</summary>
internal sealed class WakeTimer : IDisposable
{
    private readonly ITimer _timer;
    private DateTimeOffset? _dueAt;

    public WakeTimer(TimeProvider time, Action onWake)
    {
        _timer = time.CreateTimer(static wake => ((Action)wake!)(), onWake, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Aims the timer at <paramref name="wake"/>, or stops it when null. Callers serialise calls.</summary>
    public void Aim(DateTimeOffset? wake, DateTimeOffset now)
    {
        if (wake is not { } at)
        {
            if (_dueAt is not null)
            {
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _dueAt = null;
            }

            return;
        }

        // Timers tick in whole milliseconds and round down; round up instead so the timer never fires early, and
        // never ask for zero, which some timers run synchronously inside Change (under the caller's lock).
        var milliseconds = Math.Max(1, (long)Math.Ceiling((at - now).TotalMilliseconds - 1e-6));
        var due = now + TimeSpan.FromMilliseconds(milliseconds);
        if (_dueAt == due)
        {
            return;
        }

        _dueAt = due;
        _timer.Change(TimeSpan.FromMilliseconds(milliseconds), Timeout.InfiniteTimeSpan);
    }

    /// <summary>Forgets the due time once the timer fired, so the next <see cref="Aim"/> always re-arms it.</summary>
    public void Fired() => _dueAt = null;

    public void Dispose() => _timer.Dispose();
}
