using DuckDB.NET.Data;

namespace ItemEval.Runtime.Store;

/// <summary>The spend ledger: one row per provider call, cache hits excluded (they cost nothing).</summary>
public sealed class LedgerRepository
{
    private readonly DuckDBConnection _connection;

    internal LedgerRepository(DuckDBConnection connection) => _connection = connection;

    public void Add(LedgerEntry entry) =>
        _connection.Execute(
            "INSERT INTO ledger VALUES ($id, $run, $kind, $cell, $model, $in, $out, $usd, now())",
            ("id", Guid.NewGuid().ToString("N")), ("run", entry.RunId), ("kind", entry.Kind), ("cell", entry.CellKey),
            ("model", entry.Model), ("in", entry.InputTokens), ("out", entry.OutputTokens), ("usd", entry.Usd));

    public decimal TotalUsd() => DuckDBCommands.ToDecimal(_connection.Scalar("SELECT CAST(coalesce(sum(usd), 0) AS DECIMAL(18,6)) FROM ledger"));

    public int CallsInRun(string runId) =>
        Convert.ToInt32(_connection.Scalar("SELECT count(*) FROM ledger WHERE run_id = $run", ("run", runId)), System.Globalization.CultureInfo.InvariantCulture);
}
