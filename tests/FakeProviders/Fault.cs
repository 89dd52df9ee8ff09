namespace ItemEval.FakeProviders;

/// <summary>A misbehaviour queued for one request.</summary>
internal sealed record Fault(FaultKind Kind, int Status, TimeSpan? RetryAfter);
