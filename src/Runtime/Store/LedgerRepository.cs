using DuckDB.NET.Data;

namespace ItemEval.Runtime.Store;

/// <summary>The spend ledger: one row per provider attempt that may have been billed; cache hits cost nothing and are not in it.</summary>
public sealed class LedgerRepository
{
    private readonly DuckDBConnection _connection;

    internal LedgerRepository(DuckDBConnection connection) => _connection = connection;

    public void Add(LedgerEntry entry) =>
        _connection.Execute(
            """
            INSERT INTO ledger (entry_id, run_id, kind, cell_key, model, input_tokens, output_tokens, usd, recorded_at, unconfirmed, cache_hit)
            VALUES ($id, $run, $kind, $cell, $model, $in, $out, $usd, now(), $unconfirmed, $cache_hit)
            """,
            ("id", Guid.NewGuid().ToString("N")), ("run", entry.RunId), ("kind", entry.Kind), ("cell", entry.CellKey),
            ("model", entry.Model), ("in", entry.InputTokens), ("out", entry.OutputTokens), ("usd", entry.Usd), ("unconfirmed", entry.Unconfirmed), ("cache_hit", entry.CacheHit));

    /// <summary>Everything that may have been billed; unconfirmed attempts count at their worst case.</summary>
    public decimal TotalUsd() => DuckDBCommands.ToDecimal(_connection.Scalar("SELECT CAST(coalesce(sum(usd), 0) AS DECIMAL(18,6)) FROM ledger"));

    /// <summary>The part of <see cref="TotalUsd"/> that no provider answer confirmed (an upper bound).</summary>
    public decimal UnconfirmedUsd() => DuckDBCommands.ToDecimal(_connection.Scalar("SELECT CAST(coalesce(sum(usd), 0) AS DECIMAL(18,6)) FROM ledger WHERE unconfirmed"));
}
