using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Bench;

/// <summary>Counts the retries the pipeline makes, as the progress line and Status would show them.</summary>
internal sealed class CountingRetryObserver : IRetryObserver
{
    private int _retries;

    public int Retries => Volatile.Read(ref _retries);

    public void OnRetry(string model, int attempt, TimeSpan delay, string reason) => Interlocked.Increment(ref _retries);
}
