using DuckDB.NET.Data;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting.Books;

/// <summary>
/// Checks that the ledger and the result rows tell the same story before Export publishes any spend: every stored
/// answer that was billed (a done or empty solution not served from the response cache) has a ledger row for its cell
/// at the same cost; every confirmed generation ledger row belongs to a stored cell (an unconfirmed one need not: its
/// answer never arrived — a call in flight when its run was killed, whose cell a later run under another policy may
/// never ask again); judges' ledger rows cover what the gradings say they cost. Other ledger rows of a cell are attempts that were billed but not kept (retries, unconfirmed).
/// A mismatch fails Export, naming the rows.
/// </summary>
public static class LedgerReconciliation
{
    private const int RowsNamed = 10;

    /// <param name="UnpricedCalls">Ledger rows of a model without a price: null cost, left out of every sum.</param>
    public sealed record Totals(decimal Ledger, decimal Solutions, decimal Gradings, decimal OtherAttempts, int UnpricedCalls = 0);

    public static Totals Check(StudyStore store) => Check(store.Connection);

    /// <summary>As above on any connection to the store's database (Export runs it in a lane of its own).</summary>
    internal static Totals Check(DuckDBConnection connection)
    {
        var problems = new List<string>();
        problems.AddRange(connection.Query(
            $$"""
            SELECT s.cell_key, s.usd FROM solutions s
            ANTI JOIN (SELECT {{KeyHashes("cell_key")}}, usd FROM ledger WHERE kind <> 'judge' AND NOT cache_hit) l
              ON l.h1 = {{KeyHash1("s.cell_key")}} AND l.h2 = {{KeyHash2("s.cell_key")}} AND l.usd IS NOT DISTINCT FROM s.usd
            WHERE s.status IN ('done', 'empty') AND NOT s.cache_hit
            ORDER BY s.cell_key
            """,
            reader => $"solution {reader.GetString(0)} says {Cost(reader.GetValue(1))} but no ledger row of that cell has that cost"));
        problems.AddRange(connection.Query(
            $$"""
            SELECT l.entry_id, l.cell_key, l.usd FROM ledger l
            ANTI JOIN (SELECT {{KeyHashes("cell_key")}} FROM solutions) s ON s.h1 = {{KeyHash1("l.cell_key")}} AND s.h2 = {{KeyHash2("l.cell_key")}}
            WHERE l.kind <> 'judge' AND l.cell_key IS NOT NULL AND NOT l.unconfirmed
            ORDER BY l.entry_id
            """,
            reader => $"ledger row {reader.GetString(0)} ({Cost(reader.GetValue(2))}) is for cell {reader.GetString(1)}, which has no solution"));

        var ledger = Sum(connection, "SELECT sum(usd) FROM ledger");
        var solutions = Sum(connection, "SELECT sum(usd) FROM solutions");
        var gradings = Sum(connection, "SELECT sum(usd) FROM gradings");
        var judged = Sum(connection, "SELECT sum(usd) FROM ledger WHERE kind = 'judge'");
        if (gradings > judged)
        {
            problems.Add($"gradings say ${gradings:0.000000} was spent judging but the ledger has ${judged:0.000000} of judge calls");
        }

        if (problems.Count > 0)
        {
            var named = string.Join("; ", problems.Take(RowsNamed)) + (problems.Count > RowsNamed ? $"; and {problems.Count - RowsNamed} more" : "");
            throw new StudyException(Diagnostic.Error(
                DiagnosticCodes.BooksDoNotBalance,
                $"the books do not balance ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}): {named}. The store was changed outside ItemEval or a write was lost; the ledger is what providers may bill — check it before trusting the export"));
        }

        var unpriced = Convert.ToInt32(connection.Scalar("SELECT count(*) FROM ledger WHERE usd IS NULL"));
        return new Totals(ledger, solutions, gradings, ledger - solutions - gradings, unpriced);
    }

    // The two checks join 1,000,000 solutions with 1,000,000 ledger rows on cell_key. Joined on the 64-character key,
    // DuckDB hashes, stores and compares the strings themselves: 1.8 s of CPU at 1,000,000 rows, the largest cost of
    // an Export after its tables (docs/BENCHMARKS.md, "Stop 21"). Joined on two 64-bit hashes of the key instead — of
    // the whole key and of its first half, so two different keys match only if both collide (cell keys are SHA-256
    // hex, so two that share a first half do not occur) — the same checks cost 0.6 s. A match on both hashes between
    // two different keys, ~2^-128 a pair, could hide a missing row; it cannot invent a problem, since equal keys always
    // hash alike.
    private static string KeyHashes(string column) => $"{KeyHash1(column)} AS h1, {KeyHash2(column)} AS h2";

    private static string KeyHash1(string column) => $"hash({column})";

    private static string KeyHash2(string column) => $"hash(left({column}, 32))";

    /// <summary>A stored cost as the problem list names it; null is a model without a price ("unpriced"), not $0.</summary>
    private static string Cost(object? usd) => usd is null or DBNull ? StageSpend.Unpriced : $"${DuckDBCommands.ToDecimal(usd):0.000000}";

    private static decimal Sum(DuckDBConnection connection, string sql) =>
        DuckDBCommands.ToDecimal(connection.Scalar($"SELECT CAST(coalesce(({sql}), 0) AS DECIMAL(18,6))"));
}
