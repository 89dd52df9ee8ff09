namespace ItemEval.Runtime.Store;

/// <summary>
/// One provider attempt that may have been billed (or a $0 mock call); the ledger is the source of truth for "spent so
/// far". <see cref="Unconfirmed"/>: the provider may have billed it but its answer was never read (a broken body, a
/// timeout, a stop while it worked), so <see cref="Usd"/> is the attempt's worst case, not a bill. <see cref="Usd"/> is null
/// for a model without a price: its cost is unknown.
/// </summary>
public sealed record LedgerEntry(string RunId, string Kind, string? CellKey, string Model, int InputTokens, int OutputTokens, decimal? Usd)
{
    /// <summary>The row's id; a paid attempt's is the one its <see cref="Budget.InFlightJournal"/> line gave it before it was sent, so a killed run's journal can tell which attempts have their row.</summary>
    public string? EntryId { get; init; }

    public bool Unconfirmed { get; init; }

    /// <summary>Served from the response cache: nothing was sent, $0; the tokens say what it saved.</summary>
    public bool CacheHit { get; init; }

    /// <summary>Answered through a provider's batch API, billed at the batch rate (kind says the stage: <c>batch</c> or <c>judge</c>).</summary>
    public bool Batch { get; init; }
}
