using System.Globalization;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Tests.Store;

/// <summary>
/// <c>solutions</c> and <c>ledger</c> lost their primary key (its index was the biggest fixed cost of a write); a store
/// made before opens without it, keeping every row, column and rule, and a cell still has one row however often it runs.
/// </summary>
public sealed class UnkeyedTablesTests
{
    private static readonly string ConditionId = StoredRows.Condition("mock-a-cold-plain-00000000").Id;

    [Fact]
    public void A_store_made_with_the_keys_opens_without_them_and_keeps_its_rows_columns_and_rules()
    {
        using var fresh = new TempStore();
        var directory = Path.Combine(Path.GetTempPath(), "itemeval-store-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using (var keyed = StudyStore.Open(directory))
            {
                keyed.Solutions.Save(StoredRows.Solution("key1", SolutionStatus.Done, ConditionId));
                keyed.Ledger.Add(new LedgerEntry("run1", "generate", "key1", "mock/a", 10, 5, 0.25m));
                RestoreKeys(keyed, "solutions", "cell_key");
                RestoreKeys(keyed, "ledger", "entry_id");
                Assert.True(UnkeyedTables.HasPrimaryKey(keyed.Connection, "solutions"));
            }

            using var store = StudyStore.Open(directory);

            Assert.False(UnkeyedTables.HasPrimaryKey(store.Connection, "solutions"));
            Assert.False(UnkeyedTables.HasPrimaryKey(store.Connection, "ledger"));
            Assert.Equal(Columns(fresh.Store, "solutions"), Columns(store, "solutions"));
            Assert.Equal(Columns(fresh.Store, "ledger"), Columns(store, "ledger"));
            Assert.Equal("42", store.Connection.Scalar("SELECT output FROM solutions WHERE cell_key = 'key1'"));
            Assert.Equal(0.25m, store.Ledger.TotalUsd());
            Assert.ThrowsAny<Exception>(() => store.Connection.Execute("INSERT INTO ledger (entry_id, run_id, kind, model, input_tokens, output_tokens, recorded_at) VALUES (NULL, 'r', 'generate', 'm', 1, 1, now())"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_new_store_has_no_key_on_solutions_or_ledger_and_a_cell_stored_again_keeps_one_row()
    {
        using var temp = new TempStore();

        temp.Store.Solutions.Save(StoredRows.Solution("key1", SolutionStatus.Error, ConditionId));
        temp.Store.Solutions.SaveAll([StoredRows.Solution("key1", SolutionStatus.Done, ConditionId), StoredRows.Solution("key2", SolutionStatus.Done, ConditionId)]);
        temp.Reopen();
        temp.Store.Solutions.Save(StoredRows.Solution("key2", SolutionStatus.Done, ConditionId));

        Assert.False(UnkeyedTables.HasPrimaryKey(temp.Store.Connection, "solutions"));
        Assert.False(UnkeyedTables.HasPrimaryKey(temp.Store.Connection, "ledger"));
        Assert.Equal(2L, Convert.ToInt64(temp.Store.Connection.Scalar("SELECT count(*) FROM solutions"), CultureInfo.InvariantCulture));
        Assert.Equal(2, Convert.ToInt32(temp.Store.Connection.Scalar("SELECT attempts FROM solutions WHERE cell_key = 'key1'"), CultureInfo.InvariantCulture));
        Assert.Equal(2, Convert.ToInt32(temp.Store.Connection.Scalar("SELECT attempts FROM solutions WHERE cell_key = 'key2'"), CultureInfo.InvariantCulture));
    }

    // The table as earlier builds made it: the same columns with a primary key.
    private static void RestoreKeys(StudyStore store, string table, string key)
    {
        var definition = string.Join(", ", store.Connection.Query(
            "SELECT column_name, data_type, is_nullable, column_default FROM duckdb_columns() WHERE table_name = $t ORDER BY column_index",
            reader => $"\"{reader.GetString(0)}\" {reader.GetString(1)}{(reader.GetString(0) == key ? " PRIMARY KEY" : reader.GetBoolean(2) ? "" : " NOT NULL")}{(reader.IsDBNull(3) ? "" : " DEFAULT " + reader.GetString(3))}",
            ("t", table)));
        store.Connection.Execute($"CREATE TABLE {table}_keyed ({definition}); INSERT INTO {table}_keyed SELECT * FROM {table}; DROP TABLE {table}; ALTER TABLE {table}_keyed RENAME TO {table};");
    }

    private static List<string> Columns(StudyStore store, string table) =>
        [.. store.Connection.Query(
            "SELECT column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') FROM duckdb_columns() WHERE table_name = $t ORDER BY column_index",
            reader => reader.GetString(0),
            ("t", table))];
}
