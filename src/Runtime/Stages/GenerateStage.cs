using System.Threading.Channels;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Caching;
using ItemEval.Runtime.Providers.Catalog;
using ItemEval.Runtime.Providers.Pipeline;
using ItemEval.Runtime.Providers.Transcripts;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages;

/// <summary>
/// Runs the pending cells (missing or errored) in parallel and stores each result the moment it arrives, so a
/// cancelled or crashed run keeps every finished cell and the next run picks up exactly the rest.
/// </summary>
public static class GenerateStage
{
    public static async Task<GenerateResult> RunAsync(StageContext context, CancellationToken cancellationToken, ModelClientRouter? clients = null)
    {
        var study = LoadedStudy.Load(context);
        using var run = StageRun.Begin(context, study.Config.Name, "Generate");
        var store = run.Store;
        var pending = store.Solutions.Pending(study.Config.Design.RerunEmpty);
        var items = store.Items.ByUid();
        var conditions = GridExpander.Expand(study.Config, study.Templates, []).Conditions.ToDictionary(condition => condition.Id, StringComparer.Ordinal);
        var cache = ResponseCache.Beside(context.ArtifactsDirectory);
        if (context.Options.DryRun)
        {
            DryRun.Write(context, pending, conditions, items, cache);
            run.Succeeded();
            return new GenerateResult(run.RunId, pending.Count, 0, 0, 0, 0, 0, [], store.Solutions.Fingerprint(), Complete: false);
        }

        var environment = context.Environment ?? ProcessEnvironment.Instance;
        ProviderPreflight.Check(pending.Select(cell => conditions[cell.ConditionId].Model), environment);
        using var transcripts = new TranscriptWriter(context.ArtifactsDirectory, run.RunId);
        using var pipeline = new ClientPipeline(study.Config.Design.Models);
        var tally = new GenerateTally();
        var ticker = new ProgressTicker(context.Reporter);
        var retries = new RetryReporter(new ProgressTicker(context.Reporter));
        clients ??= new ModelClientRouter(model => pipeline.Build(model, environment, cache, readCache: !context.Options.NoCache, retries, context.Retries));
        var runner = new CellRunner(clients, PriceTable.For(study.Config.Budget), run.RunId, transcripts);
        var guard = new SpendGuard(study.Config.Budget.MaxUsd, store.Ledger.TotalUsd());
        string Progress() => $"{tally.Finished}/{pending.Count} cells · {tally.Failed} failed · {tally.Empty} empty · {tally.CacheHits} cached · {retries.Retries} retries · ${tally.Usd:0.0000}";

        var remaining = pending;
        if (context.Options.VerifyFirst)
        {
            var verified = await VerifyFirst.RunAsync(context, runner, pending, conditions, items, record => Save(run, tally, record), cancellationToken);
            var verifiedKeys = verified.Select(record => record.CellKey).ToHashSet(StringComparer.Ordinal);
            remaining = pending.Where(cell => !verifiedKeys.Contains(cell.Key)).ToList();
        }

        var results = Channel.CreateUnbounded<SolutionRecord>(new UnboundedChannelOptions { SingleReader = true });
        var writer = Task.Run(() => WriteAll(results.Reader, run, tally, ticker, Progress), CancellationToken.None);
        try
        {
            await Parallel.ForEachAsync(
                remaining,
                new ParallelOptions { MaxDegreeOfParallelism = context.Options.MaxParallelism, CancellationToken = cancellationToken },
                async (cell, token) =>
                {
                    guard.ThrowIfExhausted(study.Config.Budget.Location);
                    var record = await runner.RunAsync(cell, conditions[cell.ConditionId], items[cell.ItemUid], token);
                    guard.Add(record.Usd);
                    await results.Writer.WriteAsync(record, CancellationToken.None);
                });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Drain(results, writer);
            run.Cancelled(tally.Calls);
            throw;
        }
        catch
        {
            await Drain(results, writer);
            throw;
        }

        await Drain(results, writer);
        ticker.Tick(Progress, force: true);
        run.Succeeded(tally.Calls);
        var failures = store.Solutions.Failures();
        return new GenerateResult(run.RunId, pending.Count, tally.Done, tally.Failed, tally.Empty, tally.CacheHits, tally.Calls, failures, store.Solutions.Fingerprint(), Complete: store.Solutions.Pending(study.Config.Design.RerunEmpty).Count == 0);
    }

    private static async Task Drain(Channel<SolutionRecord> results, Task writer)
    {
        results.Writer.TryComplete();
        await writer;
    }

    private static async Task WriteAll(ChannelReader<SolutionRecord> reader, StageRun run, GenerateTally tally, ProgressTicker ticker, Func<string> progress)
    {
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            var batch = new List<SolutionRecord>();
            while (reader.TryRead(out var record))
            {
                batch.Add(record);
            }

            // One short transaction per batch: a crash loses at most the batch being written.
            run.Store.InTransaction(() => batch.ForEach(record => SaveRow(run, record)));
            batch.ForEach(tally.Record);
            ticker.Tick(progress);
        }
    }

    private static void Save(StageRun run, GenerateTally tally, SolutionRecord record)
    {
        run.Store.InTransaction(() => SaveRow(run, record));
        tally.Record(record);
    }

    private static void SaveRow(StageRun run, SolutionRecord record)
    {
        run.Store.Solutions.Save(record);
        if (!record.CacheHit && record.Status != SolutionStatus.Error)
        {
            run.Store.Ledger.Add(new LedgerEntry(run.RunId, "generate", record.CellKey, record.Model, record.Usage.InputTokens, record.Usage.OutputTokens, record.Usd));
        }
    }
}
