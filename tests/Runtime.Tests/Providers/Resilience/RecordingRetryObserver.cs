using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Runtime.Tests.Providers.Resilience;

/// <summary>Keeps every retry it hears about.</summary>
internal sealed class RecordingRetryObserver : IRetryObserver
{
    private readonly List<RetryRecord> _retries = [];

    public ConditionSignal Changed { get; } = new();

    public IReadOnlyList<RetryRecord> Retries
    {
        get
        {
            lock (_retries)
            {
                return [.. _retries];
            }
        }
    }

    public void OnRetry(string model, int attempt, TimeSpan delay, string reason)
    {
        lock (_retries)
        {
            _retries.Add(new RetryRecord(model, attempt, delay, reason));
        }

        Changed.Pulse();
    }
}
