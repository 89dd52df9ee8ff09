using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Store;

/// <summary>One generated cell as stored, successful or not.</summary>
public sealed record SolutionRecord(
    string CellKey,
    string ConditionId,
    string ItemUid,
    int Epoch,
    string Model,
    string Status,
    string? Output,
    string? Error,
    string? FinishReason,
    string RequestedParametersJson,
    string? EffectiveParametersJson,
    TokenUsage Usage,
    decimal? Usd,
    double LatencyMs,
    string? ProviderRequestId,
    int Retries,
    bool CacheHit,
    string RunId,
    string? Transcript = null)
{
    /// <summary>The batch (its submission id) that produced this result; null for an interactive call.</summary>
    public string? BatchId { get; init; }

    /// <summary>Failed without its last attempt connecting to the provider (not stored: it words Generate's summary).</summary>
    public bool NotConnected { get; init; }
}
