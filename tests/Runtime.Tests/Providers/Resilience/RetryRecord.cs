namespace ItemEval.Runtime.Tests.Providers.Resilience;

/// <summary>One retry as the observer heard it.</summary>
internal sealed record RetryRecord(string Model, int Attempt, TimeSpan Delay, string Reason);
