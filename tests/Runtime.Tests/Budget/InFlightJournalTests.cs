using System.Globalization;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Store;
using ItemEval.Runtime.Tests.Store;

namespace ItemEval.Runtime.Tests.Budget;

/// <summary>A killed run's journal, settled by the next run on a real store.</summary>
public sealed class InFlightJournalTests
{
    [Fact]
    public void The_next_run_books_only_the_sent_attempts_that_have_no_ledger_row_and_were_not_refused()
    {
        using var temp = new TempStore();
        using (var journal = InFlightJournal.For(temp.Directory, "killed"))
        {
            var answered = journal.Sent(Unanswered("cell-a", 0.02m));
            var refused = journal.Sent(Unanswered("cell-b", 0.02m));
            journal.Sent(Unanswered("cell-c", 0.03m));
            journal.Sent(Unanswered("cell-d", usd: null));
            journal.NotBilled(refused);

            // The answered attempt's row was stored (as Generate's writer stores it) before the kill.
            temp.Store.Ledger.Add(new LedgerEntry("killed", "generate", "cell-a", "openai/gpt-4o-mini", 10, 5, 0.001m) { EntryId = answered });
        }

        var booked = InFlightJournal.Recover(temp.Store, temp.Directory);

        Assert.Equal(["cell-c", "cell-d"], booked.Select(entry => entry.CellKey).Order());
        Assert.Equal(
            ["cell-a 0.001000 False", "cell-c 0.030000 True", "cell-d (null) True"],
            temp.Store.Connection.Query(
                "SELECT cell_key, usd, unconfirmed FROM ledger ORDER BY cell_key",
                reader => $"{reader.GetString(0)} {(reader.IsDBNull(1) ? "(null)" : Convert.ToDecimal(reader.GetValue(1), CultureInfo.InvariantCulture).ToString("0.000000", CultureInfo.InvariantCulture))} {reader.GetBoolean(2)}").ToList());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(temp.Directory, "in-flight")));

        // Settled once: a second look books nothing more.
        Assert.Empty(InFlightJournal.Recover(temp.Store, temp.Directory));
        Assert.Equal(3L, Convert.ToInt64(temp.Store.Connection.Scalar("SELECT count(*) FROM ledger"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_line_cut_short_by_the_kill_is_skipped_and_the_lines_before_it_are_booked()
    {
        using var temp = new TempStore();
        using (var journal = InFlightJournal.For(temp.Directory, "killed"))
        {
            journal.Sent(Unanswered("cell-a", 0.02m));
        }

        File.AppendAllText(Path.Combine(temp.Directory, "in-flight", "killed.jsonl"), "{\"sent\":\"0123");

        var booked = InFlightJournal.Recover(temp.Store, temp.Directory);

        Assert.Equal("cell-a", Assert.Single(booked).CellKey);
    }

    [Fact]
    public void A_run_that_sends_nothing_paid_leaves_no_journal()
    {
        using var temp = new TempStore();
        using (InFlightJournal.For(temp.Directory, "free"))
        {
        }

        Assert.False(Directory.Exists(Path.Combine(temp.Directory, "in-flight")));
        Assert.Empty(InFlightJournal.Recover(temp.Store, temp.Directory));
    }

    private static LedgerEntry Unanswered(string cellKey, decimal? usd) =>
        new("killed", "generate", cellKey, "openai/gpt-4o-mini", 120, 64, usd) { Unconfirmed = true };
}
