using ItemEval.Runtime.Batches;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Grading.Judges;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Caching;
using ItemEval.Runtime.Providers.Catalog;
using ItemEval.Runtime.Providers.Metering;
using ItemEval.Runtime.Providers.Pipeline;
using ItemEval.Runtime.Providers.Transcripts;
using ItemEval.Runtime.Stages.Generate;

namespace ItemEval.Runtime.Stages.Grade;

/// <summary>
/// The judges' side of a Grade run: the same model-call pipeline as Generate (response cache, retries, rate limits,
/// spend reservation against <c>max_usd</c> counting what was already spent, ledger kind <c>judge</c>, attempt
/// timeout), the run's transcript file, the <see cref="JudgeSession"/> the judges call through, and the batch executor's
/// context for judge calls sent as provider batches.
/// </summary>
internal sealed class JudgeRun : IDisposable
{
    private readonly ResponseCache _cache;
    private readonly TranscriptWriter _transcripts;
    private readonly ClientPipeline _pipeline;

    /// <param name="providers">Replaces each judge model's provider client at the bottom of the real pipeline (tests).</param>
    public JudgeRun(StageContext context, StageRun run, LoadedStudy study, IReadOnlyList<GraderConfig> judges, ModelClientRouter? providers)
    {
        var environment = context.Environment ?? ProcessEnvironment.Instance;
        var models = judges.Select(grader => grader.Judge!.Model).DistinctBy(model => model.Id).ToList();
        ProviderPreflight.Check(models, environment);
        _cache = ResponseCache.Beside(context.ArtifactsDirectory);
        _transcripts = new TranscriptWriter(context.ArtifactsDirectory, run.RunId);
        _pipeline = new ClientPipeline(models, holds: new RateLimitHoldReporter(new ProgressTicker(context.Reporter)));
        var budget = study.Config.Budget;
        // The same layered tables (study prices, pricing_path, refreshed catalog, packaged) Generate and the estimate use.
        var prices = StagePrices.Load(context, study, mayRefresh: false);
        Ledger = new LedgerSink(run.RunId, "judge");
        var meter = new SpendMeter(prices, new SpendReservations(budget.MaxUsd, run.Store.Ledger.TotalUsd()), Ledger);
        // Judge batches hold their worst case in the same reservations, priced from the same tables.
        Batches = new BatchContext(
            run, study.Config.Name, context.ArtifactsDirectory, environment, prices, meter.Reservations, budget.MaxUsd, _cache,
            _transcripts, context.Reporter, BatchPolling.From(environment), context.Options.NoWait);
        var retries = new RetryReporter(new ProgressTicker(context.Reporter));
        var clients = new ModelClientRouter(model => _pipeline.Build(
            model, environment, _cache, readCache: !context.Options.NoCache, meter, retries, context.Retries, providers?.For(model)));
        Session = new JudgeSession(clients, prices, _transcripts, study.JudgePrompts);
    }

    public JudgeSession Session { get; }

    public LedgerSink Ledger { get; }

    /// <summary>What the batch executor works with when judge calls go to a provider's batch API.</summary>
    public BatchContext Batches { get; }

    public void Dispose()
    {
        _pipeline.Dispose();
        _transcripts.Dispose();
        _cache.Dispose();
    }
}
