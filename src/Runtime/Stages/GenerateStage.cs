using System.Threading.Channels;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Providers;
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
        var study = LoadedStudy.Load(context.StudyFile);
        using var run = StageRun.Begin(context, study.Config.Name, "Generate");
        var store = run.Store;
        var pending = store.Solutions.Pending();
        var items = store.Items.ByUid();
        var conditions = GridExpander.Expand(study.Config, study.Templates, []).Conditions.ToDictionary(condition => condition.Id, StringComparer.Ordinal);
        var runner = new CellRunner(clients ?? new ModelClientRouter(), PriceTable.For(study.Config.Budget), run.RunId);
        var guard = new SpendGuard(study.Config.Budget.MaxUsd, store.Ledger.TotalUsd());
        var tally = new GenerateTally();
        var ticker = new ProgressTicker(context.Reporter);
        string Progress() => $"{tally.Done + tally.Empty + tally.Failed}/{pending.Count} cells · {tally.Failed} failed · {tally.Empty} empty · ${tally.Usd:0.0000}";

        var results = Channel.CreateUnbounded<SolutionRecord>(new UnboundedChannelOptions { SingleReader = true });
        var writer = Task.Run(() => WriteAll(results.Reader, run, tally, ticker, Progress), CancellationToken.None);
        try
        {
            await Parallel.ForEachAsync(
                pending,
                new ParallelOptions { MaxDegreeOfParallelism = context.Options.MaxParallelism, CancellationToken = cancellationToken },
                async (cell, token) =>
                {
                    guard.ThrowIfExhausted(study.Config.Budget.Location);
                    var condition = conditions[cell.ConditionId];
                    var record = await runner.RunAsync(cell, condition, items[cell.ItemUid], token);
                    guard.Add(record.Usd);
                    await results.Writer.WriteAsync(record, CancellationToken.None);
                });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            results.Writer.Complete();
            await writer;
            run.Cancelled(tally.Calls);
            throw;
        }
        catch
        {
            results.Writer.Complete();
            await writer;
            throw;
        }

        results.Writer.Complete();
        await writer;
        ticker.Tick(Progress, force: true);
        run.Succeeded(tally.Calls);
        return new GenerateResult(run.RunId, pending.Count, tally.Done, tally.Failed, tally.Empty, tally.Calls, FailuresByCondition(store), store.Solutions.Fingerprint());
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

            run.Store.InTransaction(() =>
            {
                foreach (var record in batch)
                {
                    run.Store.Solutions.Save(record);
                    if (!record.CacheHit && record.Status != SolutionStatus.Error)
                    {
                        run.Store.Ledger.Add(new LedgerEntry(run.RunId, "generate", record.CellKey, record.Model, record.Usage.InputTokens, record.Usage.OutputTokens, record.Usd));
                    }
                }
            });
            foreach (var record in batch)
            {
                tally.Record(record.Status, record.Usd, calledProvider: !record.CacheHit);
            }

            ticker.Tick(progress);
        }
    }

    private static IReadOnlyList<ConditionFailures> FailuresByCondition(StudyStore store) =>
        store.Solutions.Failures();
}
