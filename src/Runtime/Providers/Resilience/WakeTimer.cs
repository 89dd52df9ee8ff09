namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>A one-shot timer on a <see cref="TimeProvider"/>, re-aimed at the next moment something can change.</summary>
/// <remarks>
/// Each aim creates a fresh timer instead of calling <see cref="ITimer.Change"/>: the aim usually happens inside the
/// previous timer's own callback, and some timers (FakeTimeProvider's) disarm a one-shot timer after its callback
/// returns, which would silently undo a Change made from inside it and lose the wake-up.
/// </remarks>
internal sealed class WakeTimer(TimeProvider time, Action onWake) : IDisposable
{
    private ITimer? _timer;
    private DateTimeOffset? _dueAt;

    /// <summary>Aims the timer at <paramref name="wake"/>, or stops it when null. Callers serialise calls.</summary>
    public void Aim(DateTimeOffset? wake, DateTimeOffset now)
    {
        if (wake is not { } at)
        {
            Stop();
            return;
        }

        // Timers tick in whole milliseconds and round down; round up instead so the timer never fires early, and
        // never ask for zero, which some timers run synchronously (under the caller's lock).
        var milliseconds = Math.Max(1, (long)Math.Ceiling((at - now).TotalMilliseconds - 1e-6));
        var due = now + TimeSpan.FromMilliseconds(milliseconds);
        if (_timer is not null && _dueAt == due)
        {
            return;
        }

        Stop();
        _dueAt = due;
        _timer = time.CreateTimer(
            static wake => ((Action)wake!)(),
            onWake,
            TimeSpan.FromMilliseconds(milliseconds),
            Timeout.InfiniteTimeSpan);
    }

    /// <summary>Forgets the timer once it fired, so the next <see cref="Aim"/> always arms a new one.</summary>
    public void Fired()
    {
        _dueAt = null;
    }

    public void Dispose() => Stop();

    private void Stop()
    {
        _timer?.Dispose();
        _timer = null;
        _dueAt = null;
    }
}
