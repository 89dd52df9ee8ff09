using Microsoft.Extensions.Time.Testing;

namespace ItemEval.Runtime.Tests.Providers.Resilience;

/// <summary>A <see cref="FakeTimeProvider"/> that shows which timers are pending, so a test advances exactly to them.</summary>
internal sealed class ObservedTimeProvider : FakeTimeProvider
{
    private readonly List<ObservedTimer> _timers = [];

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
        return observed;
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
