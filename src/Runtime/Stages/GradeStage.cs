using ItemEval.Runtime.Batches;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Grading;
using ItemEval.Runtime.Grading.Judges;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Stages.Grade;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages;

/// <summary>
/// Grades every finished solution with every grader that applies, skipping gradings already stored (errored ones run
/// again). Graders run side by side and one writer stores their gradings as they arrive, so a cancelled Grade keeps
/// what it graded; a grader that throws costs that one grading, never the stage.
/// </summary>
public static class GradeStage
{
    /// <summary>
    /// Gradings in flight at once. Verifiable scorers finish at once; a judge's calls are further held to its model's
    /// own limits by the model-call pipeline, so this only bounds how much waits there.
    /// </summary>
    private const int GradingsInFlight = 16;

    /// <summary>For the MSBuild task, which runs synchronously.</summary>
    public static GradeResult Run(StageContext context, CancellationToken stop) => RunAsync(context, stop).GetAwaiter().GetResult();

    /// <param name="stop">Stops starting gradings; what was graded is stored.</param>
    /// <param name="registry">The graders by type; null is <see cref="GraderRegistry.Default"/> (tests pass their own).</param>
    /// <param name="judgeProviders">Replaces each judge model's provider client at the bottom of the real pipeline (tests).</param>
    public static async Task<GradeResult> RunAsync(StageContext context, CancellationToken stop, GraderRegistry? registry = null, ModelClientRouter? judgeProviders = null)
    {
        registry ??= GraderRegistry.Default;
        var study = LoadedStudy.Load(context);
        using var run = StageRun.Begin(context, study.Config.Name, "Grade");
        var store = run.Store;
        using var plans = GradeRunPlan.Stage(study, store);
        var graders = plans.Graders;
        var byName = graders.ToDictionary(grader => grader.Name, grader => registry.Get(grader.Type), StringComparer.Ordinal);
        var judges = graders.Where(grader => grader.Judge is not null).ToList();
        using var judgeRun = plans.JudgesPending
            ? new JudgeRun(context, run, study, judges, judgeProviders)
            : null;
        var routes = JudgeRoutes.Split(plans.Pending, byName, judgeRun?.Session, context, study, store);
        var graded = 0;
        var failed = 0;
        var ticker = new ProgressTicker(context.Reporter);
        var writer = new GradingWriter(run, batch =>
        {
            graded += batch.Count;
            failed += batch.Count(grading => grading.Status == GradingStatus.Error);
            ticker.Tick(() => $"graded {graded} new ({failed} failed), {plans.Planned} in plan");
        }, judgeRun?.Ledger);
        // The budget stop, like Generate's: no judge call can start without crossing max_usd, so stop starting them;
        // the calls in flight finish and are stored, and the gradings not started stay pending.
        using var stopStarting = CancellationTokenSource.CreateLinkedTokenSource(stop);
        BudgetExhaustedException? exhausted = null;
        try
        {
            // Judge calls routed to a provider batch go through the batch executor beside the interactive loop.
            var batched = judgeRun is null || routes.Batched.Count == 0
                ? Task.FromResult<BudgetExhaustedException?>(null)
                : new BatchExecutor<JudgeBatchRequest, GradingRecord>(judgeRun.Batches, new JudgeBatchResults(writer, run.RunId)).RunAsync(routes.Batched, stop);
            try
            {
                await Parallel.ForEachAsync(
                    routes.Interactive,
                    new ParallelOptions { MaxDegreeOfParallelism = GradingsInFlight, CancellationToken = stopStarting.Token },
                    async (pending, token) =>
                    {
                        try
                        {
                            await writer.AddAsync(GradingRecords.From(pending, await OutcomeAsync(pending, byName[pending.Grader.Name], judgeRun?.Session, token), run.RunId));
                        }
                        catch (BudgetExhaustedException budget)
                        {
                            Interlocked.CompareExchange(ref exhausted, budget, null);
                            await stopStarting.CancelAsync();
                        }
                    });
            }
            catch (OperationCanceledException) when (stopStarting.IsCancellationRequested)
            {
                // Reported below, once what was graded is stored.
            }
            finally
            {
                // The batches' collection writes through the same writer: it finishes before the writer does.
                Interlocked.CompareExchange(ref exhausted, await batched, null);
            }
        }
        finally
        {
            // Whatever stopped the loop, what was graded is stored before the store closes.
            await writer.CompleteAsync();
        }

        if (stop.IsCancellationRequested)
        {
            run.Cancelled(0);
            stop.ThrowIfCancellationRequested();
        }

        if (exhausted is not null)
        {
            throw new StudyException(Diagnostic.Error(
                DiagnosticCodes.OverBudget,
                $"{exhausted.Message}; the judge calls in flight finished and every grading is kept — raise max_usd to continue",
                study.Config.Budget.Location));
        }

        // Only now, with every grading stored, does the plan exports join through change (only its changed rows).
        var planChange = plans.Apply();
        var planned = plans.Planned;
        var waiting = routes.Batched.Count == 0 ? 0 : store.Batches.CellsInFlight(BatchStage.Grade).Count;
        context.Reporter.Info($"{graders.Count} grader(s): {graded} new grading(s), {planned - graded - waiting} already graded" +
            (waiting > 0 ? $", {waiting} waiting in provider batches (run Grade again to collect them)" : ""));
        ReportFailures(context, store.Gradings.Failures());
        run.Succeeded();
        return new GradeResult(graded, planned, store.Gradings.Fingerprint(), failed, waiting, planChange);
    }

    private static async ValueTask<GradeOutcome> OutcomeAsync(PendingGrading pending, IGrader grader, JudgeSession? judges, CancellationToken token)
    {
        if (pending.Solution.Status == SolutionStatus.Empty)
        {
            return GradeOutcome.Scored(new ScoreResult(0, false, null, "empty output"));
        }

        try
        {
            return await grader.GradeAsync(pending.Context(judges), token);
        }
        catch (Exception error) when (error is not OutOfMemoryException and not BudgetExhaustedException && !(error is OperationCanceledException && token.IsCancellationRequested))
        {
            return GradeOutcome.Failed(error.Message);
        }
    }

    /// <summary>An error, so the Grade target stays out of date and the next build retries exactly these gradings.</summary>
    private static void ReportFailures(StageContext context, IReadOnlyList<GraderFailures> failures)
    {
        foreach (var failure in failures)
        {
            context.Reporter.Report(Diagnostic.Error(
                DiagnosticCodes.GradingFailed,
                $"grader '{failure.Grader}': {failure.Failed} grading(s) failed (first: {failure.FirstError}); run Grade again to retry them",
                SourceLocation.Start(context.StudyFile)));
        }
    }
}
