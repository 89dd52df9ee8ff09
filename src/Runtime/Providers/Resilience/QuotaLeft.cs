namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>What one reading leaves of its quota now.</summary>
internal sealed record QuotaLeft(QuotaReading Reading, long Left);
