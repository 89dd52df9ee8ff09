using ItemEval.FakeProviders;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers.Resilience;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;
using ItemEval.Runtime.Tests.Providers;

namespace ItemEval.Runtime.Tests.Stages;

/// <summary>The hard cap against a provider that bills every answered request, with 8 calls in flight.</summary>
public sealed class SpendCapTests : FakeServerTest
{
    // $1000 per million tokens in and out: the fake provider bills about $0.02 a call, and a call's worst case
    // (prompt bytes + 16 max_tokens) is about $0.06, so the cap is reached after a dozen calls with 8 in flight.
    private const decimal Cap = 0.25m;
    private static readonly FakePrice Price = new(1000m, 1000m);

    [Fact]
    public async Task The_provider_never_bills_more_than_max_usd_with_calls_in_flight()
    {
        using var study = Study(items: 40);
        study.Prepare();
        Server.Behavior.Latency = TimeSpan.FromMilliseconds(200);

        var stopped = await Assert.ThrowsAsync<StudyException>(() => GenerateStage.RunAsync(study.Context(), CancellationToken.None));

        var billed = Server.BilledUsd(_ => Price);
        Assert.Equal(DiagnosticCodes.OverBudget, Assert.Single(stopped.Diagnostics).Code);
        Assert.InRange(billed, Cap - 0.1m, Cap);
        using var store = StudyStore.Open(study.Artifacts);
        Assert.Equal(billed, store.Ledger.TotalUsd());
        Assert.Equal(Server.BilledRequests.Count, Convert.ToInt32(store.Connection.Scalar("SELECT count(*) FROM solutions WHERE status = 'done'")));
    }

    [Fact]
    public async Task A_later_run_counts_what_earlier_runs_spent()
    {
        using var study = Study(items: 40);
        study.Prepare();
        await Assert.ThrowsAsync<StudyException>(() => GenerateStage.RunAsync(study.Context(), CancellationToken.None));
        var afterFirst = Server.RequestCount;

        var again = await Assert.ThrowsAsync<StudyException>(() => GenerateStage.RunAsync(study.Context(), CancellationToken.None));

        Assert.Equal(DiagnosticCodes.OverBudget, Assert.Single(again.Diagnostics).Code);
        Assert.Equal(afterFirst, Server.RequestCount);
    }

    private TempStudy Study(int items) =>
        FakeServerStudy.Create(
            Server.BaseUrl,
            models: "openai/gpt-4o-mini",
            items: items,
            options: "max_concurrency: 8",
            retries: new RetrySettings { MaxRetries = 0 },
            maxTokens: 16,
            budget: $"  policy: full-interactive\n  max_usd: {Cap}\n  prices:\n    openai/gpt-4o-mini: {{input: 1000, output: 1000}}");
}
