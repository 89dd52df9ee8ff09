using ItemEval.Runtime.Providers.Resilience;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;
using ItemEval.Runtime.Tests.Providers;

namespace ItemEval.Runtime.Tests.Stages;

/// <summary>The ledger lists every attempt the provider may have billed, not only the answers that were read.</summary>
public sealed class LedgerCompletenessTests : FakeServerTest
{
    [Fact]
    public async Task A_broken_answer_and_a_timed_out_attempt_are_in_the_ledger_as_unconfirmed()
    {
        using var study = Study(items: 3);
        study.Prepare();
        Server.Behavior.MalformedNext(1);
        Server.Behavior.HangNext(1);

        var result = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.True(result.Done == 3, string.Join("; ", result.RemainingFailures.Select(failure => failure.FirstError)));
        using var store = StudyStore.Open(study.Artifacts);
        Assert.Equal(Server.RequestCount, Convert.ToInt32(store.Connection.Scalar("SELECT count(*) FROM ledger")));
        Assert.Equal(2, Convert.ToInt32(store.Connection.Scalar("SELECT count(*) FROM ledger WHERE unconfirmed")));
        Assert.True(store.Ledger.UnconfirmedUsd() > 0m);
        Assert.True(store.Ledger.TotalUsd() > store.Ledger.UnconfirmedUsd());
    }

    private TempStudy Study(int items) =>
        FakeServerStudy.Create(
            Server.BaseUrl,
            models: "openai/gpt-4o-mini",
            items: items,
            options: "max_concurrency: 1",
            retries: new RetrySettings { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(50), AttemptTimeout = TimeSpan.FromSeconds(3) },
            maxTokens: 16);
}
