using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Tests.Store;

public sealed class SolutionRepositoryTests
{
    private static readonly Condition Condition = StoredRows.Condition("mock-a-cold-plain-00000000");

    [Fact]
    public void Pending_is_missing_or_errored_cells_never_done_or_empty_ones()
    {
        using var temp = new TempStore();
        var cells = Enumerable.Range(1, 4).Select(i => new Cell(Condition.Id, $"quiz/{i}", 1, $"key{i}")).ToList();
        temp.Store.Items.Replace(cells.Select(cell => new Item("quiz", cell.ItemUid[5..], "q", "1", [], "numeric", new Dictionary<string, string>(), "h")).ToList());
        temp.Store.Design.Replace([Condition], cells);

        temp.Store.Solutions.Save(Solution("key1", SolutionStatus.Done));
        temp.Store.Solutions.Save(Solution("key2", SolutionStatus.Error));
        temp.Store.Solutions.Save(Solution("key3", SolutionStatus.Empty));

        Assert.Equal(["key2", "key4"], temp.Store.Solutions.Pending().Select(cell => cell.Key).Order());
    }

    [Fact]
    public void Retrying_an_errored_cell_replaces_it_and_counts_the_attempt()
    {
        using var temp = new TempStore();
        temp.Store.Design.Replace([Condition], [new Cell(Condition.Id, "quiz/1", 1, "key1")]);

        temp.Store.Solutions.Save(Solution("key1", SolutionStatus.Error));
        temp.Store.Solutions.Save(Solution("key1", SolutionStatus.Done));
        temp.Reopen();

        Assert.Empty(temp.Store.Solutions.Pending());
        Assert.Equal(2, Convert.ToInt32(temp.Store.Connection.Scalar("SELECT attempts FROM solutions WHERE cell_key = 'key1'")));
    }

    [Fact]
    public void Fingerprint_changes_when_a_solution_finishes()
    {
        using var temp = new TempStore();
        temp.Store.Design.Replace([Condition], [new Cell(Condition.Id, "quiz/1", 1, "key1"), new Cell(Condition.Id, "quiz/2", 1, "key2")]);
        temp.Store.Solutions.Save(Solution("key1", SolutionStatus.Done));
        var before = temp.Store.Solutions.Fingerprint();

        temp.Store.Solutions.Save(Solution("key2", SolutionStatus.Error));
        var afterError = temp.Store.Solutions.Fingerprint();
        temp.Store.Solutions.Save(Solution("key2", SolutionStatus.Done));

        Assert.Equal(before, afterError);
        Assert.NotEqual(before, temp.Store.Solutions.Fingerprint());
    }

    [Fact]
    public void Fingerprint_follows_what_is_finished_in_the_grid_not_the_order_it_was_written_in()
    {
        using var first = new TempStore();
        using var second = new TempStore();
        var cells = new[] { new Cell(Condition.Id, "quiz/1", 1, "key1"), new Cell(Condition.Id, "quiz/2", 1, "key2") };
        first.Store.Design.Replace([Condition], cells);
        second.Store.Design.Replace([Condition], cells);
        first.Store.Solutions.SaveAll([Solution("key1", SolutionStatus.Done), Solution("key2", SolutionStatus.Done)]);
        second.Store.Solutions.SaveAll([Solution("key2", SolutionStatus.Done)]);
        second.Store.Solutions.SaveAll([Solution("key1", SolutionStatus.Done)]);
        var both = first.Store.Solutions.Fingerprint();

        first.Store.Solutions.Save(Solution("key2", SolutionStatus.Empty));
        var oneEmpty = first.Store.Solutions.Fingerprint();
        first.Store.Design.Replace([Condition], cells.Take(1));

        Assert.Equal(both, second.Store.Solutions.Fingerprint());
        Assert.NotEqual(both, oneEmpty);
        Assert.NotEqual(oneEmpty, first.Store.Solutions.Fingerprint());
        Assert.NotEqual(both, first.Store.Solutions.Fingerprint());
    }

    [Fact]
    public void Failures_name_each_condition_with_errors_its_cells_and_an_error_of_the_current_grid()
    {
        using var temp = new TempStore();
        var other = StoredRows.Condition("mock-a-warm-plain-00000001", lane: "warm");
        temp.Store.Design.Replace([Condition, other], [
            new Cell(Condition.Id, "quiz/1", 1, "key1"), new Cell(Condition.Id, "quiz/2", 1, "key2"), new Cell(Condition.Id, "quiz/3", 1, "key3"),
            new Cell(other.Id, "quiz/1", 1, "other1")]);
        temp.Store.Solutions.SaveAll([
            Solution("key1", SolutionStatus.Error), Solution("key2", SolutionStatus.Error), Solution("key3", SolutionStatus.Done),
            StoredRows.Solution("other1", SolutionStatus.Done, other.Id), Solution("gone", SolutionStatus.Error)]);

        var failures = temp.Store.Solutions.Failures();

        Assert.Equal([new ConditionFailures(Condition.Id, 2, 3, "boom")], failures);
    }

    [Fact]
    public void A_batch_is_stored_in_bulk_and_a_cell_twice_in_it_counts_both_attempts()
    {
        using var temp = new TempStore();
        var batch = Enumerable.Range(1, 2500).Select(i => Solution($"key{i}", SolutionStatus.Done))
            .Prepend(Solution("key1", SolutionStatus.Error)).ToList();

        temp.Store.InTransaction(() => temp.Store.Solutions.SaveAll(batch));
        temp.Reopen();

        Assert.Equal(2500, Convert.ToInt32(temp.Store.Connection.Scalar("SELECT count(*) FROM solutions WHERE status = 'done'")));
        Assert.Equal(2, Convert.ToInt32(temp.Store.Connection.Scalar("SELECT attempts FROM solutions WHERE cell_key = 'key1'")));
        Assert.Equal("stop", temp.Store.Connection.Scalar("SELECT finish_reason FROM solutions WHERE cell_key = 'key2500'"));
    }

    [Fact]
    public void A_batch_mixing_new_cells_and_errored_ones_inserts_the_new_and_replaces_the_errored()
    {
        using var temp = new TempStore();
        temp.Store.InTransaction(() => temp.Store.Solutions.SaveAll([Solution("old1", SolutionStatus.Error), Solution("old2", SolutionStatus.Error), Solution("kept", SolutionStatus.Done)]));
        var retried = new[] { "old1", "old2" }.Select(key => Solution(key, SolutionStatus.Done) with { RunId = "run2", Retries = 2 });
        var batch = Enumerable.Range(1, 100).Select(i => Solution($"new{i}", SolutionStatus.Done) with { RunId = "run2" }).Concat(retried).ToList();

        temp.Store.InTransaction(() => temp.Store.Solutions.SaveAll(batch));
        temp.Reopen();

        var rows = temp.Store.Connection.Query(
                "SELECT cell_key, status, attempts, retries, run_id, error, output FROM solutions",
                reader => (Key: reader.GetString(0), Status: reader.GetString(1), Attempts: reader.GetInt32(2), Retries: reader.GetInt32(3),
                    RunId: reader.GetString(4), Error: reader.NullableString(5), Output: reader.NullableString(6)))
            .ToDictionary(row => row.Key);
        Assert.Equal(103, rows.Count);
        Assert.All(Enumerable.Range(1, 100), i => Assert.Equal((SolutionStatus.Done, 1, 0, "run2"), (rows[$"new{i}"].Status, rows[$"new{i}"].Attempts, rows[$"new{i}"].Retries, rows[$"new{i}"].RunId)));
        Assert.All(["old1", "old2"], key => Assert.Equal((SolutionStatus.Done, 2, 2, "run2", null, "42"), (rows[key].Status, rows[key].Attempts, rows[key].Retries, rows[key].RunId, rows[key].Error, rows[key].Output)));
        Assert.Equal((SolutionStatus.Done, 1, "run1"), (rows["kept"].Status, rows["kept"].Attempts, rows["kept"].RunId));
    }

    [Fact]
    public void Keys_not_done_are_the_errored_and_empty_rows()
    {
        using var temp = new TempStore();
        temp.Store.Solutions.SaveAll([Solution("done", SolutionStatus.Done), Solution("error", SolutionStatus.Error), Solution("empty", SolutionStatus.Empty)]);

        Assert.Equal(["empty", "error"], temp.Store.Solutions.KeysNotDone().Order());
    }

    [Fact]
    public void A_batch_known_to_be_new_is_inserted_and_a_cell_twice_in_it_still_counts_both_attempts()
    {
        using var temp = new TempStore();
        var batch = Enumerable.Range(1, 300).Select(i => Solution($"key{i}", SolutionStatus.Done))
            .Prepend(Solution("key1", SolutionStatus.Error)).ToList();

        temp.Store.InTransaction(() => temp.Store.Solutions.SaveAll(batch, cellsAreNew: true));
        temp.Reopen();

        Assert.Equal(300, Convert.ToInt32(temp.Store.Connection.Scalar("SELECT count(*) FROM solutions WHERE status = 'done'")));
        Assert.Equal(300, Convert.ToInt32(temp.Store.Connection.Scalar("SELECT count(*) FROM solutions")));
        Assert.Equal(2, Convert.ToInt32(temp.Store.Connection.Scalar("SELECT attempts FROM solutions WHERE cell_key = 'key1'")));
    }

    [Fact]
    public void A_batch_of_cells_that_all_have_rows_replaces_each_once()
    {
        using var temp = new TempStore();
        var keys = Enumerable.Range(1, 50).Select(i => $"key{i}").ToList();
        temp.Store.InTransaction(() => temp.Store.Solutions.SaveAll(keys.Select(key => Solution(key, SolutionStatus.Error)).ToList()));

        temp.Store.InTransaction(() => temp.Store.Solutions.SaveAll(keys.Select(key => Solution(key, SolutionStatus.Done)).ToList()));

        Assert.Equal(50, Convert.ToInt32(temp.Store.Connection.Scalar("SELECT count(*) FROM solutions WHERE status = 'done' AND attempts = 2 AND error IS NULL")));
        Assert.Equal(50, Convert.ToInt32(temp.Store.Connection.Scalar("SELECT count(*) FROM solutions")));
    }

    [Fact]
    public void A_batchs_answers_are_booked_from_their_rows_at_their_cost_and_its_errors_are_not()
    {
        using var temp = new TempStore();
        temp.Store.Design.Replace([Condition], Enumerable.Range(1, 3).Select(i => new Cell(Condition.Id, $"quiz/{i}", 1, $"key{i}")).ToList());
        SolutionRecord[] records =
        [
            Solution("key1", SolutionStatus.Done) with { Usage = new TokenUsage(100, 20, ReasoningTokens: 5), Usd = 0.0125m, BatchId = "sub1" },
            Solution("key2", SolutionStatus.Empty) with { Usage = new TokenUsage(90, 0), Usd = null, BatchId = "sub1" },
            Solution("key3", SolutionStatus.Error) with { Usage = TokenUsage.Zero, BatchId = "sub1" },
        ];

        temp.Store.InTransaction(() => temp.Store.Solutions.SaveBatchAnswers(records, "batch", cellsAreNew: true));
        temp.Reopen();

        var ledger = temp.Store.Connection.Query(
                "SELECT entry_id, run_id, kind, cell_key, model, input_tokens, output_tokens, usd, unconfirmed, cache_hit, batch FROM ledger ORDER BY cell_key",
                reader => (Id: reader.GetString(0), Row: (reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5),
                    reader.GetInt32(6), reader.IsDBNull(7) ? (decimal?)null : reader.GetDecimal(7), reader.GetBoolean(8), reader.GetBoolean(9), reader.GetBoolean(10))))
            .ToList();
        Assert.Equal(
            [("run1", "batch", "key1", "mock/a", 100, 25, 0.0125m, false, false, true), ("run1", "batch", "key2", "mock/a", 90, 0, (decimal?)null, false, false, true)],
            ledger.Select(entry => entry.Row));
        Assert.All(ledger, entry => Assert.Matches("^[0-9a-f]{32}$", entry.Id));
        Assert.NotEqual(ledger[0].Id, ledger[1].Id);
        Assert.Equal(3L, Convert.ToInt64(temp.Store.Connection.Scalar("SELECT count(*) FROM solutions WHERE batch_id = 'sub1' AND attempts = 1")));
    }

    [Fact]
    public void A_batch_answer_for_a_cell_with_a_row_replaces_it_unless_told_the_cells_are_new_and_a_cell_twice_is_booked_twice()
    {
        using var temp = new TempStore();
        temp.Store.Design.Replace([Condition], [new Cell(Condition.Id, "quiz/1", 1, "key1"), new Cell(Condition.Id, "quiz/2", 1, "key2")]);
        temp.Store.Solutions.Save(Solution("key1", SolutionStatus.Error));

        temp.Store.InTransaction(() => temp.Store.Solutions.SaveBatchAnswers([Solution("key1", SolutionStatus.Done) with { BatchId = "sub1" }], "batch", cellsAreNew: false));
        temp.Store.InTransaction(() => temp.Store.Solutions.SaveBatchAnswers(
            [Solution("key2", SolutionStatus.Error) with { BatchId = "sub2" }, Solution("key2", SolutionStatus.Done) with { BatchId = "sub2" }], "batch", cellsAreNew: true));

        Assert.Equal(
            [("key1", "done", 2), ("key2", "done", 2)],
            temp.Store.Connection.Query("SELECT cell_key, status, attempts FROM solutions ORDER BY cell_key", reader => (reader.GetString(0), reader.GetString(1), reader.GetInt32(2))));
        Assert.Equal(["key1", "key2"], temp.Store.Connection.Query("SELECT cell_key FROM ledger ORDER BY cell_key", reader => reader.GetString(0)));
    }

    private static SolutionRecord Solution(string key, string status) => StoredRows.Solution(key, status, Condition.Id);
}
