using ItemEval.Runtime.Batches;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Caching;
using ItemEval.Runtime.Providers.Catalog;
using ItemEval.Runtime.Providers.Metering;
using ItemEval.Runtime.Providers.Pipeline;
using ItemEval.Runtime.Providers.Transcripts;
using ItemEval.Runtime.Stages.Generate;

namespace ItemEval.Runtime.Stages;

/// <summary>
/// What every stage that calls models sets up the same way (Generate for answers, Grade for judges): the response cache,
/// the run's transcript file, the model-call pipeline (cache → retries → rate limits → spend reservation against
/// <c>max_usd</c> counting what was already spent → attempt timeout), the ledger sink of the stage's kind, and the batch
/// executor's context, whose worst cases are held in the same reservations and priced from the same tables.
/// One class so a change to how calls are made, metered or batched reaches both stages.
/// </summary>
internal sealed class ModelCalls : IDisposable
{
    private readonly ClientPipeline _pipeline;
    private readonly InFlightJournal _journal;
    private readonly bool _ownsCache;

    /// <param name="models">The models this stage may call (their transport and rate-limit settings).</param>
    /// <param name="ledgerKind">The ledger's <c>kind</c> for interactive calls: <c>generate</c> or <c>judge</c>.</param>
    /// <param name="providers">Replaces each model's provider client at the bottom of the real pipeline (tests).</param>
    /// <param name="cache">The response cache, when the stage opened it already (to load its index early); the caller disposes it.</param>
    public ModelCalls(StageContext context, StageRun run, LoadedStudy study, IEnumerable<ModelConfig> models, string ledgerKind, ModelClientRouter? providers, ResponseCache? cache = null)
    {
        var environment = context.Environment ?? ProcessEnvironment.Instance;
        _ownsCache = cache is null;
        Cache = cache ?? ResponseCache.Beside(context.ArtifactsDirectory);
        Transcripts = new TranscriptWriter(context.ArtifactsDirectory, run.RunId);

        // A stored row's transcript link must resolve after a crash: the lines go to disk before the rows that point at them.
        run.Store.BeforeEachCommit(Transcripts.Flush);
        _pipeline = new ClientPipeline(models, holds: new RateLimitHoldReporter(new ProgressTicker(context.Reporter)));
        var budget = study.Config.Budget;

        // The same layered tables (study prices, pricing_path, refreshed catalog, packaged) the estimate uses.
        Prices = StagePrices.Load(context, study, mayRefresh: false);
        Ledger = new LedgerSink(run.RunId, ledgerKind);
        _journal = InFlightJournal.For(context.ArtifactsDirectory, run.RunId);
        var meter = new SpendMeter(Prices, new SpendReservations(budget.MaxUsd, run.Store.Ledger.TotalUsd()), Ledger, journal: _journal);
        Batches = new BatchContext(
            run, study.Config.Name, context.ArtifactsDirectory, environment, Prices, meter.Reservations, budget.MaxUsd, Cache,
            Transcripts, context.Reporter, BatchPolling.From(environment), context.Options.NoWait);
        Retries = new RetryReporter(new ProgressTicker(context.Reporter));
        Clients = new ModelClientRouter(model => _pipeline.Build(
            model, environment, Cache, readCache: !context.Options.NoCache, meter, Retries, context.Retries, providers?.For(model)));
    }

    public ResponseCache Cache { get; }

    public TranscriptWriter Transcripts { get; }

    public PriceTable Prices { get; }

    public LedgerSink Ledger { get; }

    /// <summary>Each model's client through the whole pipeline, built on first use.</summary>
    public ModelClientRouter Clients { get; }

    /// <summary>Counts and reports retries (Generate's progress line shows the count).</summary>
    public RetryReporter Retries { get; }

    /// <summary>What the batch executor works with when this stage's calls go to a provider's batch API.</summary>
    public BatchContext Batches { get; }

    public void Dispose()
    {
        _pipeline.Dispose();
        _journal.Dispose();
        Transcripts.Dispose();
        if (_ownsCache)
        {
            Cache.Dispose();
        }
    }
}
