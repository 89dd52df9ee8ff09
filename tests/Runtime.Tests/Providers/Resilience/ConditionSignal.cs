using System.Diagnostics;

namespace ItemEval.Runtime.Tests.Providers.Resilience;

/// <summary>
/// Lets a test wait for a condition without sleeping: whoever changes state pulses and waiters re-check; they also
/// re-check every few milliseconds, for state (like a limiter's books) that has nobody to pulse.
/// </summary>
internal sealed class ConditionSignal
{
    private static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromMilliseconds(5);

    private TaskCompletionSource _pulse = NewPulse();

    public void Pulse() => Interlocked.Exchange(ref _pulse, NewPulse()).TrySetResult();

    public async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            // Read the pulse before checking, so a change between the check and the wait is not lost.
            var pulse = Volatile.Read(ref _pulse);
            if (condition())
            {
                return;
            }

            var left = SafetyTimeout - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"gave up waiting for: {what}");
            }

            try
            {
                await pulse.Task.WaitAsync(left < RecheckInterval ? left : RecheckInterval);
            }
            catch (TimeoutException)
            {
                // Re-checked at the top; past the safety timeout it is reported with what we waited for.
            }
        }
    }

    private static TaskCompletionSource NewPulse() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
