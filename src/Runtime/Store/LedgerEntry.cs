namespace ItemEval.Runtime.Store;

/// <summary>One paid (or $0) provider call; the ledger is the source of truth for "spent so far".</summary>
public sealed record LedgerEntry(string RunId, string Kind, string? CellKey, string Model, int InputTokens, int OutputTokens, decimal Usd);
