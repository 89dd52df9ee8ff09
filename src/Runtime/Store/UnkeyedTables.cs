using System.Globalization;
using DuckDB.NET.Data;

namespace ItemEval.Runtime.Store;

/// <summary>
/// Stores of earlier builds made <c>grading_plan</c> with a primary key on (cell_key, grader) and <c>gradings</c> with one
/// on grading_key. Each table has one writer that keeps its rows unique by itself (<see cref="StagedGradingPlan.Apply"/>
/// inserts only the wanted rows the stored plan lacks; <see cref="GradingRepository.SaveAll"/> deletes a batch's keys
/// before inserting it), and no query looks a row up by its key, while the keys' ART indexes were most of an edit's
/// Grade: for 20,000 new of 100,000 rows, ~0.5 s of CPU to delete and insert plan rows and ~1 s more to upsert
/// gradings, then the whole of both indexes written again at the checkpoint (~0.5 s and ~0.5-0.9 s; docs/BENCHMARKS.md).
/// DuckDB cannot drop a primary key in place, so such a table is copied once without it, with the NOT NULL columns and
/// defaults that <c>CREATE TABLE AS</c> does not copy.
/// </summary>
internal static class UnkeyedTables
{
    private static readonly UnkeyedTable[] Tables =
    [
        new("grading_plan", ["cell_key", "grader", "grading_key"], []),
        new("gradings", ["grading_key", "cell_key", "grader", "grader_type", "run_id", "created_at"], [("usd", "0"), ("status", $"'{GradingStatus.Done}'")]),
    ];

    public static void DropKeys(DuckDBConnection connection)
    {
        foreach (var table in Tables)
        {
            var keyed = Convert.ToInt64(
                connection.Scalar("SELECT count(*) FROM duckdb_constraints() WHERE table_name = $table AND constraint_type = 'PRIMARY KEY'", ("table", table.Name)),
                CultureInfo.InvariantCulture);
            if (keyed > 0)
            {
                Copy(connection, table);
            }
        }
    }

    // One transaction: a crash leaves the keyed table as it was, and the next open copies it again.
    private static void Copy(DuckDBConnection connection, UnkeyedTable table)
    {
        using var transaction = connection.BeginTransaction();
        connection.Execute($"CREATE TABLE {table.Name}_unkeyed AS SELECT * FROM {table.Name}");
        connection.Execute($"DROP TABLE {table.Name}");
        connection.Execute($"ALTER TABLE {table.Name}_unkeyed RENAME TO {table.Name}");
        foreach (var column in table.NotNull)
        {
            connection.Execute($"ALTER TABLE {table.Name} ALTER COLUMN {column} SET NOT NULL");
        }

        foreach (var (column, value) in table.Defaults)
        {
            connection.Execute($"ALTER TABLE {table.Name} ALTER COLUMN {column} SET DEFAULT {value}");
        }

        transaction.Commit();
    }

    private sealed record UnkeyedTable(string Name, string[] NotNull, (string Column, string Default)[] Defaults);
}
