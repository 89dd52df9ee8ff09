namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>What a gate decided under its lock and acts on after leaving it: callers to complete, a hold to report.</summary>
internal readonly record struct GateOutcome(PendingAcquire[] Decided, RateLimitHold? Held);
