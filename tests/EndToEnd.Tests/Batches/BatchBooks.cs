using ItemEval.FakeProviders;

namespace ItemEval.EndToEnd.Tests.Batches;

/// <summary>What a batched study's books must say once every cell is collected, whatever the provider.</summary>
internal static class BatchBooks
{
    /// <summary>
    /// Every prompt billed once, nothing sent interactively, every cell done or errored, and the books match the invoice
    /// at the batch rate: one <c>batch</c> ledger row per answer at half of $1000 per million tokens.
    /// </summary>
    public static void AssertEachCellPaidOnceAtTheBatchRate(StudyWorkspace study, FakeProviderServer server)
    {
        Assert.Empty(server.Requests);
        var billsPerPrompt = server.BilledRequests.GroupBy(bill => bill.Prompt).Select(group => group.Count()).ToList();
        Assert.Equal(BatchStudyWorkspace.Cells, billsPerPrompt.Count);
        Assert.All(billsPerPrompt, count => Assert.Equal(1, count));
        Assert.Equal(BatchStudyWorkspace.Cells, study.Query<int>("SELECT count(*) FROM solutions WHERE status IN ('done', 'error')"));
        Assert.Equal(BatchStudyWorkspace.Cells, study.Query<int>("SELECT count(*) FROM ledger WHERE kind = 'batch'"));
        Assert.Equal(server.BilledUsd(_ => BatchStudyWorkspace.Price), study.Query<decimal>("SELECT sum(usd) FROM ledger"));
        Assert.Equal(0, study.Query<int>("SELECT count(*) FROM ledger WHERE kind <> 'batch' OR usd <> (input_tokens + output_tokens) * 0.0005"));
        Assert.Equal(study.Query<decimal>("SELECT sum(usd) FROM ledger"), study.Query<decimal>("SELECT sum(usd) FROM solutions"));
    }
}
