using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Runtime.Tests.Providers.Resilience;

/// <summary>Keeps every rate-limit hold it hears about.</summary>
internal sealed class RecordingHoldObserver : IRateLimitObserver
{
    private readonly List<RateLimitHold> _holds = [];

    public ConditionSignal Changed { get; } = new();

    public IReadOnlyList<RateLimitHold> Holds
    {
        get
        {
            lock (_holds)
            {
                return [.. _holds];
            }
        }
    }

    public void OnHeld(RateLimitHold hold)
    {
        lock (_holds)
        {
            _holds.Add(hold);
        }

        Changed.Pulse();
    }
}
