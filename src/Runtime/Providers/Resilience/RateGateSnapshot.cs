namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>A key's limiter state at one moment, for tests and the Status report.</summary>
/// <param name="Factor">The AIMD share of the configured limits in use (1: full rate).</param>
/// <param name="Concurrency">Effective concurrency limit; null when unlimited.</param>
/// <param name="RequestsPerMinute">Effective request rate; null when unlimited.</param>
/// <param name="TokensPerMinute">Effective token rate; null when unlimited.</param>
/// <param name="Granted">Calls let through since the limiter was created.</param>
internal sealed record RateGateSnapshot(
    double Factor,
    int? Concurrency,
    double? RequestsPerMinute,
    double? TokensPerMinute,
    int InFlight,
    int Queued,
    long Granted,
    DateTimeOffset PausedUntil);
