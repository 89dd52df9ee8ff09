using ItemEval.FakeProviders;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Tests.Batches;

/// <summary>What a study's books must say once a judge's batched calls are collected, against the fake provider's invoice.</summary>
internal static class JudgeBooks
{
    /// <summary>
    /// Every judge call billed once at the batch rate and booked once: one <c>judge</c> ledger row with the batch flag per
    /// call, none without it, their sum and the batched gradings' sum equal to what the provider billed for the judge
    /// model, and the ledger's total equal to the sum of the rows that spent it (solutions and gradings).
    /// </summary>
    /// <param name="judge">The judge's model name as the provider bills it; every bill for it must come from the batch.</param>
    public static void AssertBatchedAtTheInvoice(FakeProviderServer server, StudyStore store, string judge, FakePrice price, int calls)
    {
        var bills = server.BilledRequests.Where(bill => bill.Model == judge).ToList();
        Assert.Equal(calls, bills.Count);
        Assert.All(bills, bill => Assert.Equal(BillingReason.Batch, bill.Reason));
        Assert.All(bills.GroupBy(bill => bill.Prompt), prompt => Assert.Single(prompt));
        var invoice = server.BilledUsd(model => model == judge ? price : new FakePrice(0, 0));
        Assert.True(invoice > 0);
        Assert.Equal((long)calls, store.Connection.Scalar("SELECT count(*) FROM ledger WHERE kind = 'judge' AND batch"));
        Assert.Equal(0L, store.Connection.Scalar("SELECT count(*) FROM ledger WHERE kind = 'judge' AND NOT batch"));
        Assert.Equal(invoice, Usd(store, "SELECT sum(usd) FROM ledger WHERE kind = 'judge' AND batch"));
        Assert.Equal(invoice, Usd(store, "SELECT sum(usd) FROM gradings WHERE batch_id IS NOT NULL"));
        Assert.Equal(store.Ledger.TotalUsd(), Usd(store, "SELECT (SELECT coalesce(sum(usd), 0) FROM solutions) + (SELECT coalesce(sum(usd), 0) FROM gradings)"));
    }

    private static decimal Usd(StudyStore store, string sql) => Convert.ToDecimal(store.Connection.Scalar(sql), System.Globalization.CultureInfo.InvariantCulture);
}
