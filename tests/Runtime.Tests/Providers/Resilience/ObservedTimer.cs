namespace ItemEval.Runtime.Tests.Providers.Resilience;

/// <summary>A fake timer that remembers when it is due and whether it fired, so tests know what the code waits for.</summary>
internal sealed class ObservedTimer(ObservedTimeProvider owner) : ITimer
{
    private readonly Lock _lock = new();
    private ITimer? _inner;
    private DateTimeOffset? _wakeAt;

    /// <summary>The delay it was last armed with.</summary>
    public TimeSpan Due { get; private set; }

    /// <summary>When it will fire; null when disarmed, fired or disposed.</summary>
    public DateTimeOffset? WakeAt
    {
        get
        {
            lock (_lock)
            {
                return _wakeAt;
            }
        }
    }

    public void Attach(ITimer inner) => _inner = inner;

    public void Armed(TimeSpan due)
    {
        lock (_lock)
        {
            Due = due;
            _wakeAt = due == Timeout.InfiniteTimeSpan ? null : owner.GetUtcNow() + due;
        }

        owner.Changed.Pulse();
    }

    public void Fired()
    {
        lock (_lock)
        {
            _wakeAt = null;
        }

        owner.Changed.Pulse();
    }

    public bool Change(TimeSpan dueTime, TimeSpan period) => owner.Rearm(this, _inner!, dueTime, period);

    public void Dispose()
    {
        Fired();
        _inner?.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
