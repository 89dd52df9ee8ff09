using ItemEval.FakeProviders;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Caching;
using ItemEval.Runtime.Providers.Metering;
using ItemEval.Runtime.Providers.Pipeline;
using ItemEval.Runtime.Providers.Resilience;
using ItemEval.Runtime.Store;
using ItemEval.Runtime.Tests.Providers.Resilience;
using ItemEval.Runtime.Tests.Stages;
using ItemEval.Runtime.Tests.Store;

namespace ItemEval.Runtime.Tests.Providers.Pipeline;

/// <summary>
/// A caller shaped like an LLM judge — not Generate — builds its stack from the same pipeline: its calls are reserved,
/// metered and land in the ledger with its own kind, and a repeat is served from the cache as a $0 row.
/// </summary>
public sealed class JudgeShapedCallerTests : FakeServerTest
{
    private static readonly FakePrice Price = new(1000m, 1000m);

    [Fact]
    public async Task A_judges_calls_go_through_the_same_pipeline_and_land_in_the_ledger_as_judge()
    {
        using var store = new TempStore();
        var model = new ModelConfig("openai/gpt-4o-mini", [], new Dictionary<string, string> { ["base_url"] = Server.BaseUrl + "/v1" }, SourceLocation.Start("study.yaml"));
        var prices = PriceTable.For(new BudgetConfig(1m, new Dictionary<string, ModelPrice> { [model.Id] = new(1000m, 1000m) }, null));
        var ledger = new LedgerSink("run-judge", "judge");
        var meter = new SpendMeter(prices, new SpendReservations(1m, spentBefore: 0m), ledger);
        using var pipeline = new ClientPipeline([model]);
        var judge = pipeline.Build(
            model, new DictionaryEnvironment(new() { ["OPENAI_API_KEY"] = "test-key" }), new ResponseCache(Path.Combine(store.Directory, "cache")),
            readCache: true, meter, new RecordingRetryObserver(), new RetrySettings { MaxRetries = 0 });
        var verdictRequest = new ModelRequest(model.Id, [new ChatMessage("user", "Is 4 the answer to 2 + 2? Reply Rating: [[n]].")], new LaneParameters(Temperature: 0, MaxTokens: 32), 1, model.Options, CellKey: "grading-1");

        await judge.CompleteAsync(verdictRequest, CancellationToken.None);
        var repeat = await judge.CompleteAsync(verdictRequest, CancellationToken.None);
        store.Store.InTransaction(() => ledger.Drain().ToList().ForEach(store.Store.Ledger.Add));

        Assert.True(repeat.CacheHit);
        Assert.Equal(1, Server.RequestCount);
        Assert.Equal(2, Scalar<int>(store, "SELECT count(*) FROM ledger WHERE kind = 'judge' AND cell_key = 'grading-1'"));
        Assert.Equal(Server.BilledUsd(_ => Price), store.Store.Ledger.TotalUsd());
        Assert.Equal(0m, Scalar<decimal>(store, "SELECT CAST(usd AS DECIMAL(18,6)) FROM ledger WHERE cache_hit"));
        Assert.Equal(Server.BilledUsd(_ => Price), meter.Reservations.Committed);
    }

    private static T Scalar<T>(TempStore store, string sql) =>
        (T)Convert.ChangeType(store.Store.Connection.Scalar(sql)!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
}
