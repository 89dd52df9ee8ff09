using System.Globalization;
using DuckDB.NET.Data;

namespace ItemEval.Runtime.Store;

/// <summary>
/// Checkpoints that write what a stage changed without compacting the row groups already on disk, until deleted rows
/// outweigh the live ones in some table; then one checkpoint compacts, so the file stays in proportion to the study.
/// </summary>
/// <remarks>
/// <para>
/// A DuckDB table without an index (<see cref="UnkeyedTables"/>) is "vacuumed" at each checkpoint: adjacent row
/// groups whose live rows fit in fewer are merged, i.e. read, decompressed and written again. After an edit's 20,000
/// new solutions (a row group of their own) beside the 100,000 of the run from clean, a checkpoint merged them into
/// one — rewriting every solution, grading and plan row of the study for a change to a fifth of it. And it is not a
/// choice of one stage: a checkpoint also merges tables its run did not write. When Generate alone turned merging off,
/// Grade's close merged the solutions and ledger rows Generate had appended (their row groups went from 3 to 2 in a
/// Grade that wrote neither), at 1.0 s of wall and 1.9 s of CPU of an edit's 6.9 s (docs/BENCHMARKS.md "Stop 20").
/// So every connection to the store turns it off (<c>max_vacuum_tasks = 0</c>; the setting is the database's, shared by
/// Export's second connection, and lives as long as the store is open).
/// </para>
/// <para>
/// What merging would have bought: space. <c>solutions</c>, <c>gradings</c> and <c>ledger</c> only grow, but
/// ExpandGrid deletes the cells of a changed condition and Grade the plan rows that went with them; a deleted row
/// keeps its place in its row group until the whole group is deleted (DuckDB drops those whatever the setting). So at
/// open, a table with more deleted rows than live ones (and at least a row group's worth) leaves merging on, run after
/// run, until a run that writes to that table compacts it at its close (Grade for the plan). That rewrite costs at most
/// twice the rows deleted since the last one, and each was paid for by a row an edit wrote: in proportion to the
/// edits, amortised, never to the whole study at every edit.
/// </para>
/// </remarks>
public static class AppendOnlyCheckpoints
{
    /// <summary>DuckDB's rows per row group: fewer deleted rows than this are not worth rewriting a table for.</summary>
    public const long RowGroupRows = 122_880;

    /// <summary>Turns merging off for the store's life on <paramref name="connection"/>, unless a compaction is due.</summary>
    public static void Use(DuckDBConnection connection)
    {
        if (!CompactionDue(connection))
        {
            connection.Execute("SET max_vacuum_tasks = 0");
        }
    }

    /// <summary>
    /// Whether some table holds at least <see cref="RowGroupRows"/> deleted rows and more deleted than live ones.
    /// <c>duckdb_tables().estimated_size</c> counts the rows in the table's row groups, deleted ones included, so only
    /// a table that big is counted (<c>count(*)</c>, one per table: milliseconds at 100,000s of rows).
    /// </summary>
    public static bool CompactionDue(DuckDBConnection connection)
    {
        var candidates = connection.Query(
                "SELECT table_name, estimated_size FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary AND estimated_size >= $rows",
                reader => (Name: reader.GetString(0), Total: Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)),
                ("rows", RowGroupRows))
            .ToList();
        foreach (var (name, total) in candidates)
        {
            var live = Convert.ToInt64(connection.Scalar($"SELECT count(*) FROM \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\""), CultureInfo.InvariantCulture);
            var deleted = total - live;
            if (deleted >= RowGroupRows && deleted > live)
            {
                return true;
            }
        }

        return false;
    }
}
