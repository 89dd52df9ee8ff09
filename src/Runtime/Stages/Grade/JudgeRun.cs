using ItemEval.Runtime.Batches;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Grading.Judges;
using ItemEval.Runtime.Providers.Catalog;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Stages.Generate;

namespace ItemEval.Runtime.Stages.Grade;

/// <summary>
/// The judges' side of a Grade run: Generate's model-call set-up (<see cref="ModelCalls"/>, ledger kind <c>judge</c>)
/// for the judge models, and the <see cref="JudgeSession"/> the judges call through.
/// </summary>
internal sealed class JudgeRun : IDisposable
{
    private readonly ModelCalls _calls;

    /// <param name="providers">Replaces each judge model's provider client at the bottom of the real pipeline (tests).</param>
    public JudgeRun(StageContext context, StageRun run, LoadedStudy study, IReadOnlyList<GraderConfig> judges, ModelClientRouter? providers)
    {
        var models = judges.Select(grader => grader.Judge!.Model).DistinctBy(model => model.Id).ToList();
        ProviderPreflight.Check(models, context.Environment ?? ProcessEnvironment.Instance);
        _calls = new ModelCalls(context, run, study, models, "judge", providers);
        Session = new JudgeSession(_calls.Clients, _calls.Prices, _calls.Transcripts, study.JudgePrompts);
    }

    public JudgeSession Session { get; }

    public LedgerSink Ledger => _calls.Ledger;

    /// <summary>What the batch executor works with when judge calls go to a provider's batch API.</summary>
    public BatchContext Batches => _calls.Batches;

    public void Dispose() => _calls.Dispose();
}
