using Microsoft.Extensions.Time.Testing;

namespace ItemEval.Runtime.Tests.Providers.Resilience;

/// <summary>A <see cref="FakeTimeProvider"/> that shows which timers are pending, so a test advances exactly to them.</summary>
/// <remarks>
/// Moving the clock and creating or re-arming a timer exclude each other (<see cref="_clock"/>): otherwise a timer
/// created on another thread while the test advances could record its wake time from one "now" while the fake
/// timer counts from the next, and a test advancing to the recorded time would wait forever. The lock is
/// re-entrant, so callbacks that fire inside an advance may create timers.
/// </remarks>
internal sealed class ObservedTimeProvider : FakeTimeProvider
{
    private readonly List<ObservedTimer> _timers = [];
    private readonly object _clock = new();

    public ConditionSignal Changed { get; } = new();

    public IReadOnlyList<ObservedTimer> PendingTimers
    {
        get
        {
            lock (_timers)
            {
                return [.. _timers.Where(timer => timer.WakeAt is not null).OrderBy(timer => timer.WakeAt)];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var observed = new ObservedTimer(this);
        lock (_timers)
        {
            _timers.Add(observed);
        }

        lock (_clock)
        {
            observed.Armed(dueTime);
            observed.Attach(base.CreateTimer(
                callbackState =>
                {
                    observed.Fired();
                    callback(callbackState);
                },
                state,
                dueTime,
                period));
        }

        return observed;
    }

    public new void Advance(TimeSpan delta)
    {
        lock (_clock)
        {
            base.Advance(delta);
        }
    }

    public new void SetUtcNow(DateTimeOffset value)
    {
        lock (_clock)
        {
            base.SetUtcNow(value);
        }
    }

    /// <summary>Re-arms <paramref name="timer"/> at the same "now" its wake time is computed from.</summary>
    internal bool Rearm(ObservedTimer timer, ITimer inner, TimeSpan dueTime, TimeSpan period)
    {
        lock (_clock)
        {
            timer.Armed(dueTime);
            return inner.Change(dueTime, period);
        }
    }

    /// <summary>Waits until a timer with exactly this delay is pending.</summary>
    public Task WaitForTimerAsync(TimeSpan due) =>
        Changed.WaitUntilAsync(() => PendingTimers.Any(timer => timer.Due == due), $"a pending {due} timer");

    /// <summary>Advances to each pending timer in turn until <paramref name="task"/> ends.</summary>
    public async Task RunUntilDoneAsync(Task task)
    {
        _ = task.ContinueWith(_ => Changed.Pulse(), TaskScheduler.Default);
        while (true)
        {
            await Changed.WaitUntilAsync(() => task.IsCompleted || PendingTimers.Count > 0, "the call to end or wait");
            if (task.IsCompleted)
            {
                return;
            }

            if (PendingTimers is [{ WakeAt: { } next }, ..])
            {
                SetUtcNow(next);
            }
        }
    }
}
