using DuckDB.NET.Data;

namespace ItemEval.Runtime.Store;

/// <summary>
/// Takes the primary key off <c>solutions</c>, <c>ledger</c>, <c>grading_plan</c> and <c>gradings</c> in a store made
/// before they went (it cannot be dropped in DuckDB: the table is copied without it, each column keeping its NOT NULL
/// and default, in one transaction, so a kill leaves the old table or the new one). Done once, at the first open by this
/// version; a no-op after.
/// </summary>
/// <remarks>
/// Why no key: DuckDB keeps a primary key in an ART index, and a checkpoint writes every part of it that a write
/// loaded — with keys that are SHA-256 hex (cell and grading keys) or random ids (ledger entries), any write loads nearly
/// all of it. So an edit storing 20,000 rows into a 100,000-row study paid for loading the whole indexes during its
/// writes and for writing them again on closing the store, whatever the number of rows it stored: 1.2-2.4 s of CPU of
/// the edit's ~7 s Generate, and ~2-3 s of its ~5.5 s Grade (docs/BENCHMARKS.md). Nothing reads these tables by key alone
/// (joins are hash joins), and each has one writer, under the study lock, that keeps its rows unique by itself:
/// <see cref="SolutionRepository.SaveAll"/> inserts only cells without a row and updates the others, ledger ids are fresh
/// random ids, <see cref="StagedGradingPlan.Apply"/> inserts only the wanted plan rows the stored plan lacks, and
/// <see cref="GradingRepository.SaveAll"/> deletes a batch's keys before inserting it.
/// </remarks>
internal static class UnkeyedTables
{
    public static readonly IReadOnlyList<string> Tables = ["solutions", "ledger", "grading_plan", "gradings"];

    public static void Apply(DuckDBConnection connection)
    {
        // One look at the catalog for all four tables: every store open of every target asks, and each call of
        // duckdb_constraints() lists the whole database's constraints (four calls were ~20 ms of each open).
        var keyed = WithPrimaryKey(connection, Tables);
        foreach (var table in Tables.Where(keyed.Contains))
        {
            Rebuild(connection, table);
        }
    }

    public static bool HasPrimaryKey(DuckDBConnection connection, string table) => WithPrimaryKey(connection, [table]).Contains(table);

    /// <summary>Which of <paramref name="tables"/> have a primary key, from one query of the catalog.</summary>
    private static HashSet<string> WithPrimaryKey(DuckDBConnection connection, IReadOnlyList<string> tables) =>
        connection.Query(
                $"SELECT DISTINCT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' AND table_name IN ({string.Join(", ", tables.Select(table => $"'{table.Replace("'", "''", StringComparison.Ordinal)}'"))})",
                reader => reader.GetString(0))
            .ToHashSet(StringComparer.Ordinal);

    private static void Rebuild(DuckDBConnection connection, string table)
    {
        var columns = connection.Query(
                "SELECT column_name, is_nullable, column_default FROM duckdb_columns() WHERE table_name = $table ORDER BY column_index",
                reader => (Name: reader.GetString(0), Nullable: reader.GetBoolean(1), Default: reader.IsDBNull(2) ? null : reader.GetString(2)),
                ("table", table))
            .ToList();
        var copy = table + "__unkeyed";
        using var transaction = connection.BeginTransaction();
        connection.Execute($"CREATE TABLE {copy} AS SELECT * FROM {table}");
        foreach (var column in columns)
        {
            if (!column.Nullable)
            {
                connection.Execute($"ALTER TABLE {copy} ALTER COLUMN \"{column.Name}\" SET NOT NULL");
            }

            if (column.Default is { } value)
            {
                connection.Execute($"ALTER TABLE {copy} ALTER COLUMN \"{column.Name}\" SET DEFAULT {value}");
            }
        }

        connection.Execute($"DROP TABLE {table}");
        connection.Execute($"ALTER TABLE {copy} RENAME TO {table}");
        transaction.Commit();
    }
}
