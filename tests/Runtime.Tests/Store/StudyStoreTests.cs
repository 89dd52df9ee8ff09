using System.Globalization;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Tests.Store;

public sealed class StudyStoreTests
{
    [Fact]
    public void The_store_caps_DuckDB_memory_so_a_big_study_spills_instead_of_failing()
    {
        using var temp = new TempStore();

        // DuckDB's default is 80% of the machine's RAM; it reports the setting in MiB or GiB.
        var setting = (string)temp.Store.Connection.Scalar("SELECT current_setting('memory_limit')")!;
        var parts = setting.Split(' ');
        var mebibytes = double.Parse(parts[0], CultureInfo.InvariantCulture) * (parts[1] == "GiB" ? 1024 : 1);

        Assert.Equal("MiB", parts[1]);
        Assert.InRange(mebibytes, 256, 1024);
    }

    [Fact]
    public void A_store_whose_grading_plan_had_a_primary_key_opens_with_the_same_rows_and_no_key()
    {
        // The plan as earlier builds created it: keyed on (cell_key, grader), whose index an edit paid for.
        var directory = EarlierStore("""
            CREATE TABLE grading_plan (
                cell_key VARCHAR NOT NULL, grader VARCHAR NOT NULL, grading_key VARCHAR NOT NULL, PRIMARY KEY (cell_key, grader));
            INSERT INTO grading_plan VALUES ('c1', 'numeric', 'g1'), ('c2', 'numeric', 'g2'), ('c1', 'judge', 'g3');
            """);
        try
        {
            for (var open = 0; open < 2; open++)
            {
                using var store = StudyStore.Open(directory);
                Assert.Equal(0L, Count(store, "SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'grading_plan' AND constraint_type = 'PRIMARY KEY'"));
                Assert.Equal(
                    ["c1 judge g3", "c1 numeric g1", "c2 numeric g2"],
                    store.Connection.Query("SELECT cell_key || ' ' || grader || ' ' || grading_key FROM grading_plan ORDER BY ALL", reader => reader.GetString(0)));
                Assert.ThrowsAny<DuckDB.NET.Data.DuckDBException>(() => store.Connection.Execute("INSERT INTO grading_plan VALUES ('c3', 'numeric', NULL)"));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_store_whose_ledger_and_gradings_required_a_cost_opens_and_takes_the_null_cost_of_an_unpriced_call()
    {
        // The tables as earlier builds created them: usd NOT NULL.
        var directory = EarlierStore("""
            CREATE TABLE ledger (
                entry_id VARCHAR PRIMARY KEY, run_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, cell_key VARCHAR,
                model VARCHAR NOT NULL, input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL,
                usd DECIMAL(18,6) NOT NULL, recorded_at TIMESTAMP NOT NULL);
            CREATE TABLE gradings (
                grading_key VARCHAR PRIMARY KEY, cell_key VARCHAR NOT NULL, grader VARCHAR NOT NULL, grader_type VARCHAR NOT NULL,
                score DOUBLE, passed BOOLEAN, extracted VARCHAR, detail VARCHAR, usd DECIMAL(18,6) NOT NULL DEFAULT 0,
                run_id VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL);
            INSERT INTO ledger VALUES ('e0', 'r0', 'generate', 'c0', 'openai/gpt-4o-mini', 10, 5, 0.25, now());
            """);
        try
        {
            using (var store = StudyStore.Open(directory))
            {
                store.Ledger.Add(new LedgerEntry("r1", "generate", "c1", "openai/unlisted", 10, 5, null));
                store.Connection.Execute("INSERT INTO gradings (grading_key, cell_key, grader, grader_type, usd, run_id, created_at) VALUES ('g1', 'c1', 'judge', 'rubric', NULL, 'r1', now())");

                Assert.Equal(0.25m, store.Ledger.TotalUsd());
                Assert.Equal(1L, Convert.ToInt64(store.Connection.Scalar("SELECT count(*) FROM ledger WHERE usd IS NULL AND model = 'openai/unlisted'"), CultureInfo.InvariantCulture));
                Assert.Equal(1L, Convert.ToInt64(store.Connection.Scalar("SELECT count(*) FROM gradings WHERE usd IS NULL"), CultureInfo.InvariantCulture));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static long Count(StudyStore store, string sql) => Convert.ToInt64(store.Connection.Scalar(sql), CultureInfo.InvariantCulture);

    /// <summary>A store folder whose tables <paramref name="sql"/> makes as an earlier build did (the caller deletes it).</summary>
    private static string EarlierStore(string sql)
    {
        var directory = Path.Combine(Path.GetTempPath(), "itemeval-store-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        using var old = new DuckDB.NET.Data.DuckDBConnection($"Data Source={StudyStore.PathIn(directory)}");
        old.Open();
        old.Execute(sql);
        return directory;
    }
}
