using DuckDB.NET.Data;

namespace ItemEval.Runtime.Store;

/// <summary>The spend ledger: one row per provider attempt that may have been billed; cache hits cost nothing and are not in it.</summary>
public sealed class LedgerRepository
{
    private static readonly StagingTable Staging = new(
        "ledger_batch",
        """
        entry_id VARCHAR, run_id VARCHAR, kind VARCHAR, cell_key VARCHAR, model VARCHAR, input_tokens INTEGER,
        output_tokens INTEGER, usd DECIMAL(18,6), unconfirmed BOOLEAN, cache_hit BOOLEAN, batch BOOLEAN
        """);

    private readonly DuckDBConnection _connection;

    internal LedgerRepository(DuckDBConnection connection) => _connection = connection;

    public void Add(LedgerEntry entry) => AddAll([entry]);

    /// <summary>Records a batch in bulk (see <see cref="StagingTable"/>); nothing at all for none (a batch's transactions book in SQL instead).</summary>
    public void AddAll(IReadOnlyList<LedgerEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        Staging.Write(
            _connection,
            entries,
            static (row, entry) => row
                .AppendValue(entry.EntryId ?? Guid.NewGuid().ToString("N")).AppendValue(entry.RunId).AppendValue(entry.Kind).AppendValue(entry.CellKey)
                .AppendValue(entry.Model).AppendValue(entry.InputTokens).AppendValue(entry.OutputTokens).AppendValue(entry.Usd)
                .AppendValue(entry.Unconfirmed).AppendValue(entry.CacheHit).AppendValue(entry.Batch),
            """
            INSERT INTO ledger (entry_id, run_id, kind, cell_key, model, input_tokens, output_tokens, usd, recorded_at, unconfirmed, cache_hit, batch)
            SELECT entry_id, run_id, kind, cell_key, model, input_tokens, output_tokens, usd, now(), unconfirmed, cache_hit, batch FROM ledger_batch
            """);
    }

    /// <summary>The ids of the ledger rows of <paramref name="runIds"/>.</summary>
    public IReadOnlySet<string> EntryIdsOf(IReadOnlyList<string> runIds)
    {
        if (runIds.Count == 0)
        {
            return new HashSet<string>();
        }

        var parameters = runIds.Select((id, index) => ($"r{index}", (object?)id)).ToArray();
        return _connection.Query(
                $"SELECT entry_id FROM ledger WHERE run_id IN ({string.Join(", ", parameters.Select(parameter => "$" + parameter.Item1))})",
                reader => reader.GetString(0),
                parameters)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Everything that may have been billed; unconfirmed attempts count at their worst case.</summary>
    public decimal TotalUsd() => DuckDBCommands.ToDecimal(_connection.Scalar("SELECT CAST(coalesce(sum(usd), 0) AS DECIMAL(18,6)) FROM ledger"));

    /// <summary>The part of <see cref="TotalUsd"/> that no provider answer confirmed (an upper bound).</summary>
    public decimal UnconfirmedUsd() => DuckDBCommands.ToDecimal(_connection.Scalar("SELECT CAST(coalesce(sum(usd), 0) AS DECIMAL(18,6)) FROM ledger WHERE unconfirmed"));
}
