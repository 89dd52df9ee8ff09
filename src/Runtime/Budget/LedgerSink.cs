using System.Collections.Concurrent;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Budget;

/// <summary>
/// Collects one ledger entry per attempt that may have been billed (and a $0 entry per cache hit), from every call in
/// flight, tagged with the stage's kind (<c>generate</c>, <c>judge</c>, …); the stage's single writer drains it into the
/// store with the results, so the ledger and the provider's invoice list the same calls.
/// </summary>
/// <param name="batch">Its entries are answers of a provider batch (billed at the batch rate).</param>
public sealed class LedgerSink(string runId, string kind, bool batch = false)
{
    private readonly ConcurrentQueue<LedgerEntry> _entries = new();

    /// <param name="usd">The attempt's cost; null when its model has no price (unknown, not $0).</param>
    /// <param name="entryId">The id its <see cref="InFlightJournal"/> line gave the attempt before it was sent; null: a new one.</param>
    public void Add(ModelRequest request, TokenUsage? usage, decimal? usd, string? entryId = null) =>
        _entries.Enqueue(Entry(request, usage, usd) with { EntryId = entryId });

    /// <summary>What an attempt is booked as if its answer never arrives: unconfirmed, at <paramref name="usd"/> (its worst case).</summary>
    public LedgerEntry Unanswered(ModelRequest request, decimal? usd) => Entry(request, usage: null, usd);

    /// <summary>A response served from the cache: $0, with the tokens it would have cost.</summary>
    public void AddCacheHit(ModelRequest request, TokenUsage usage) =>
        _entries.Enqueue(new LedgerEntry(runId, kind, request.CellKey, request.Model, usage.InputTokens, usage.OutputTokens + usage.ReasoningTokens, 0m)
        {
            CacheHit = true,
        });

    private LedgerEntry Entry(ModelRequest request, TokenUsage? usage, decimal? usd) =>
        new(runId, kind, request.CellKey, request.Model, usage?.InputTokens ?? 0, (usage?.OutputTokens ?? 0) + (usage?.ReasoningTokens ?? 0), usd)
        {
            Unconfirmed = usage is null,
            Batch = batch,
        };

    public IReadOnlyList<LedgerEntry> Drain()
    {
        var drained = new List<LedgerEntry>();
        while (_entries.TryDequeue(out var entry))
        {
            drained.Add(entry);
        }

        return drained;
    }
}
