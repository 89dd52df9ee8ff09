using System.Collections.Concurrent;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Budget;

/// <summary>
/// Collects one ledger entry per attempt that may have been billed, from every call in flight; the stage's single
/// writer drains it into the store with the results, so the ledger and the provider's invoice list the same calls.
/// </summary>
public sealed class LedgerSink(string runId, string kind)
{
    private readonly ConcurrentQueue<LedgerEntry> _entries = new();

    public void Add(ModelRequest request, TokenUsage? usage, decimal usd) =>
        _entries.Enqueue(new LedgerEntry(
            runId, kind, request.CellKey, request.Model, usage?.InputTokens ?? 0, (usage?.OutputTokens ?? 0) + (usage?.ReasoningTokens ?? 0), usd)
        {
            Unconfirmed = usage is null,
        });

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
