using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Runtime.Stages.Generate;

/// <summary>Makes retries visible: counts them for the progress line and reports each one (throttled) as progress.</summary>
internal sealed class RetryReporter(ProgressTicker ticker) : IRetryObserver
{
    private int _retries;

    public int Retries => Volatile.Read(ref _retries);

    public void OnRetry(string model, int attempt, TimeSpan delay, string reason)
    {
        Interlocked.Increment(ref _retries);
        ticker.Tick(() => $"retrying {model} in {delay.TotalSeconds:0.0} s (retry {attempt}): {reason}");
    }
}
