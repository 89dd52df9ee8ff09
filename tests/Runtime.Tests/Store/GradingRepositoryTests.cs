using System.Globalization;
using DuckDB.NET.Data;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Tests.Store;

public sealed class GradingRepositoryTests
{
    [Fact]
    public void A_store_written_before_grading_status_opens_and_its_gradings_stand_as_done()
    {
        var directory = Path.Combine(Path.GetTempPath(), "itemeval-store-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        try
        {
            WriteEarlierGradingsTable(StudyStore.PathIn(directory));

            using var store = StudyStore.Open(directory);
            store.Gradings.SaveAll([new GradingRecord("k2", "c2", "judge", "numeric", GradingStatus.Error, null, null, null, null, "timed out", 0m, null, null, null, "r2")]);

            Assert.Equal(["k1"], store.Gradings.FinishedKeys());

            // Copied without its primary key (Store/UnkeyedTables), its defaults and NOT NULL columns kept.
            Assert.Equal(0L, Convert.ToInt64(store.Connection.Scalar("SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'gradings' AND constraint_type = 'PRIMARY KEY'"), CultureInfo.InvariantCulture));
            store.Connection.Execute("INSERT INTO gradings (grading_key, cell_key, grader, grader_type, run_id, created_at) VALUES ('k3', 'c3', 'numeric', 'numeric', 'r3', now())");
            Assert.Equal("done 0", store.Connection.Scalar("SELECT status || ' ' || CAST(usd AS INTEGER) FROM gradings WHERE grading_key = 'k3'"));
            Assert.ThrowsAny<DuckDBException>(() => store.Connection.Execute("INSERT INTO gradings (grading_key, cell_key, grader, grader_type, run_id, created_at) VALUES (NULL, 'c4', 'numeric', 'numeric', 'r4', now())"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_grading_stored_again_under_its_key_replaces_the_stored_one()
    {
        using var temp = new TempStore();
        temp.Store.Gradings.SaveAll([Scored("k1", GradingStatus.Error, "timed out"), Scored("k2", GradingStatus.Done)]);

        // k1 retried after its error; k3 twice in one batch (its last grading stands).
        temp.Store.Gradings.SaveAll([Scored("k1", GradingStatus.Done), Scored("k3", GradingStatus.Error, "refused"), Scored("k3", GradingStatus.Done)]);
        temp.Reopen();

        Assert.Equal(
            ["k1 done ", "k2 done ", "k3 done "],
            temp.Store.Connection.Query("SELECT grading_key || ' ' || status || ' ' || coalesce(error, '') FROM gradings ORDER BY ALL", reader => reader.GetString(0)));
        Assert.Equal(["k1", "k2", "k3"], temp.Store.Gradings.FinishedKeys().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_judge_grading_keeps_its_cost_tokens_and_transcript()
    {
        using var temp = new TempStore();
        var grading = new GradingRecord("k", "c", "judge", "numeric", GradingStatus.ParseFailure, null, null, null, "no verdict", null, 0.0125m, 800, 40, "transcripts/r.jsonl#7", "r");

        temp.Store.Gradings.SaveAll([grading]);
        temp.Reopen();

        var stored = temp.Store.Connection.Query(
                "SELECT status, CAST(usd AS DOUBLE), input_tokens, output_tokens, transcript FROM gradings",
                reader => (reader.GetString(0), reader.GetDouble(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4)))
            .Single();
        Assert.Equal((GradingStatus.ParseFailure, 0.0125, 800, 40, "transcripts/r.jsonl#7"), stored);
        Assert.Contains("k", temp.Store.Gradings.FinishedKeys());
    }

    [Fact]
    public void Fingerprint_follows_the_planned_keys_not_the_order_they_were_written_in()
    {
        using var first = new TempStore();
        using var second = new TempStore();
        Assert.Equal("none", first.Store.Gradings.Fingerprint());
        first.Store.Connection.Execute("INSERT INTO grading_plan VALUES ('c1', 'numeric', 'k1'), ('c2', 'numeric', 'k2')");
        second.Store.Connection.Execute("INSERT INTO grading_plan VALUES ('c2', 'numeric', 'k2')");
        second.Store.Connection.Execute("INSERT INTO grading_plan VALUES ('c1', 'numeric', 'k1')");
        var both = first.Store.Gradings.Fingerprint();

        first.Store.Connection.Execute("UPDATE grading_plan SET grading_key = 'k3' WHERE cell_key = 'c2'");
        var rekeyed = first.Store.Gradings.Fingerprint();
        first.Store.Connection.Execute("DELETE FROM grading_plan WHERE cell_key = 'c2'");

        Assert.Equal(both, second.Store.Gradings.Fingerprint());
        Assert.NotEqual(both, rekeyed);
        Assert.NotEqual(rekeyed, first.Store.Gradings.Fingerprint());
        Assert.NotEqual(both, first.Store.Gradings.Fingerprint());
    }

    /// <summary>The gradings table as schema 1 first shipped it, with one grading in it.</summary>
    private static GradingRecord Scored(string key, string status, string? error = null) =>
        new(key, "c-" + key, "numeric", "numeric", status, status == GradingStatus.Done ? 1 : null, null, null, null, error, 0m, null, null, null, "r");

    private static void WriteEarlierGradingsTable(string path)
    {
        using var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE gradings (
                grading_key VARCHAR PRIMARY KEY, cell_key VARCHAR NOT NULL, grader VARCHAR NOT NULL, grader_type VARCHAR NOT NULL,
                score DOUBLE, passed BOOLEAN, extracted VARCHAR, detail VARCHAR, usd DECIMAL(18,6) NOT NULL DEFAULT 0,
                run_id VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL);
            INSERT INTO gradings VALUES ('k1', 'c1', 'numeric', 'numeric', 1, true, '4', NULL, 0, 'r1', now());
            """;
        command.ExecuteNonQuery();
    }
}
