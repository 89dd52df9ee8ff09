using ItemEval.Runtime.Batches;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Caching;
using ItemEval.Runtime.Providers.Catalog;
using ItemEval.Runtime.Stages.Generate;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages;

/// <summary>
/// Runs the pending cells (missing or errored), every model side by side, and stores each result the moment it
/// arrives, so a stopped or crashed run keeps every finished cell and the next run picks up exactly the rest.
/// </summary>
public static class GenerateStage
{
    /// <param name="stop">Stops starting calls; calls already sent finish and are stored (a first Ctrl-C).</param>
    /// <param name="providers">Replaces each model's provider client at the bottom of the real pipeline (tests).</param>
    public static async Task<GenerateResult> RunAsync(StageContext context, CancellationToken stop, ModelClientRouter? providers = null)
    {
        var study = LoadedStudy.Load(context);
        using var run = StageRun.Begin(context, study.Config.Name, "Generate");
        var store = run.Store;

        // The cache's index (a line per answer ever cached: 100,000s) is read on the other core while the store finds
        // the pending cells, instead of on the critical path at the first call.
        using var cache = ResponseCache.Beside(context.ArtifactsDirectory);
        cache.LoadIndexInBackground();
        var scope = PolicyScope.For(context, study, store);
        var pending = scope.Pending(store, study.Config.Design.RerunEmpty);
        var items = store.Items.ByUid();
        var conditions = study.ConditionsById;
        if (context.Options.DryRun)
        {
            DryRun.Write(context, pending, conditions, items, cache);
            run.Succeeded();
            return new GenerateResult(run.RunId, pending.Count, 0, 0, 0, 0, 0, [], store.Solutions.Fingerprint(), Complete: false);
        }

        ProviderPreflight.Check(pending.Select(cell => conditions[cell.ConditionId].Model), context.Environment ?? ProcessEnvironment.Instance);
        using var calls = new ModelCalls(context, run, study, study.Config.Design.Models, "generate", providers, cache);
        var budget = study.Config.Budget;
        var tally = new GenerateTally();
        var ticker = new ProgressTicker(context.Reporter);
        var runner = new CellRunner(calls.Clients, calls.Prices, run.RunId, calls.Transcripts);
        string Progress() => $"{tally.Finished}/{pending.Count} cells · {tally.Failed} failed · {tally.Empty} empty · {tally.CacheHits} cached · {calls.Retries.Retries} retries · ${tally.Usd:0.0000}";

        var writer = new SolutionWriter(run, calls.Ledger, store.Solutions.KeysNotDone(), tally.Record, () => ticker.Tick(Progress));
        BudgetExhaustedException? exhausted;
        var inBatches = store.Batches.CellsInFlight();
        try
        {
            var remaining = pending;
            if (context.Options.VerifyFirst)
            {
                var verified = await VerifyFirst.RunAsync(context, runner, [.. pending.Where(cell => !inBatches.Contains(cell.Key))], conditions, items, writer.WriteNow, stop);
                var verifiedKeys = verified.Select(record => record.CellKey).ToHashSet(StringComparer.Ordinal);
                remaining = pending.Where(cell => !verifiedKeys.Contains(cell.Key)).ToList();
            }

            var planned = remaining.Select(cell => new PlannedCell(cell, conditions[cell.ConditionId], items[cell.ItemUid])).ToList();
            var routes = BatchRoutes.Split(planned, study.Config.Batch, scope.Policy.Batch, inBatches, context.Reporter);
            var batches = new BatchExecutor<PlannedCell, SolutionRecord>(calls.Batches, new SolutionBatchResults(writer, run.RunId));
            var outcomes = await Task.WhenAll(
                new InteractiveExecutor(runner).RunAsync(routes.Interactive, writer, stop), batches.RunAsync(routes.Batched, stop));
            exhausted = outcomes.FirstOrDefault(outcome => outcome is not null);
        }
        finally
        {
            await writer.CompleteAsync();
        }

        ticker.Tick(Progress, force: true);
        if (stop.IsCancellationRequested)
        {
            run.Cancelled(tally.Calls);
            stop.ThrowIfCancellationRequested();
        }

        if (exhausted is not null)
        {
            throw new StudyException(Diagnostic.Error(
                DiagnosticCodes.OverBudget,
                $"{exhausted.Message}; the calls in flight finished and every finished cell is kept — raise max_usd to continue",
                budget.Location));
        }

        run.Succeeded(tally.Calls);
        var failures = store.Solutions.Failures();

        // Complete when every pending cell is now finished: the writer knows what it stored, so the whole grid is not
        // searched for pending cells a second time (no other process writes while the run holds the study lock).
        var complete = writer.Finished(pending, study.Config.Design.RerunEmpty);
        return new GenerateResult(run.RunId, pending.Count, tally.Done, tally.Failed, tally.Empty, tally.CacheHits, tally.Calls, failures, store.Solutions.Fingerprint(), complete)
        {
            NotConnected = tally.NotConnected,
        };
    }
}
