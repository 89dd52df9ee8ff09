using System.Text.Json;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Caching;
using ItemEval.Runtime.Providers.Catalog;
using ItemEval.Runtime.Providers.Transcripts;

namespace ItemEval.Runtime.Batches;

/// <summary>
/// Reads an ended batch's output and error files as streams and stores what they say: an answer becomes the stage's row
/// (a solution, a grading: <see cref="IBatchResults{TRequest,TRecord}"/>), priced at the batch rate, booked with the
/// batch flag and cached so an interactive re-run never pays for it; a failed request an errored row. A line naming no
/// request of the batch, or one already read, is counted on the batch and never overwrites a row. Results already
/// stored from this batch (a collection cut short) are skipped, so nothing is stored or booked twice. Requests the
/// batch never answered (expired, cancelled) stay pending for the next run.
/// </summary>
/// <remarks>
/// Lines are taken 250 at a time: parsed, their transcripts and cache entries written in bulk (one flush each); every
/// 2,000 results are stored with their ledger rows in one transaction, written on another thread while the next lines
/// are read, with the store set for bulk writes (<see cref="ItemEval.Runtime.Store.BulkWrites"/>) for the whole
/// collection. The reading side runs on one thread, not in parallel: the writer already keeps a second core busy, and
/// with PLINQ the reading thread spun waiting for workers that the writer kept off the CPU — about 1 s per 50,000
/// rows on 2 cores (docs/BENCHMARKS.md, batches, stop 18).
/// </remarks>
internal sealed class BatchCollector<TRequest, TRecord>(BatchContext context, IProviderBatchApi api, ModelConfig model, IBatchResults<TRequest, TRecord> results)
    where TRequest : IBatchRequest
{
    private const int RowsPerTransaction = 2_000;

    // Lines become records a few hundred at a time, so the garbage of reading them (the lines, their JSON, transcript and
    // cache encodings: ~12 KB a row) dies young. Taken 2,000 at a time it outlived several collections of the youngest
    // generation and piled up in the oldest until a full GC: gen 2 grew by ~90 MB per 50,000 rows, ~45 MB now
    // (docs/BENCHMARKS.md, batches). Transactions stay at 2,000 rows, where their cost per row levels off.
    private const int LinesPerStep = 250;

    private const int TransactionsPerFullCollection = 5;

    /// <returns>What the provider billed for the batch, as its answers' usage says.</returns>
    public async Task<decimal> CollectAsync(TrackedBatch batch, ProviderBatch ended, IReadOnlyDictionary<string, TRequest> planned)
    {
        await context.Collecting.WaitAsync(CancellationToken.None);
        try
        {
            // Collections take turns (one writer); say when this one starts, after any wait for another model's.
            context.Reporter.Progress($"batch {ended.Id} ({model.Id}): collecting {ended.Completed} answers, {ended.Failed} errored");
            var bulk = context.Store(store => store.BeginBulkWrites());
            try
            {
                return await CollectAllAsync(batch, ended, planned);
            }
            finally
            {
                context.Store(_ => bulk.Dispose());
            }
        }
        finally
        {
            context.Collecting.Release();
        }
    }

    private async Task<decimal> CollectAllAsync(TrackedBatch batch, ProviderBatch ended, IReadOnlyDictionary<string, TRequest> planned)
    {
        var keys = context.Store(store => store.Batches.Cells(batch.SubmissionId));
        var alreadyStored = context.Store(store =>
        {
            results.Starting(store, batch.SubmissionId);
            return results.StoredFrom(store, batch.SubmissionId);
        });
        var run = new Collection(keys, alreadyStored, planned, new LedgerSink(context.Run.RunId, results.LedgerKind, batch: true));
        var lines = new List<string>(LinesPerStep);
        foreach (var source in api.ResultSources(ended))
        {
            await using var stream = await api.OpenResultsAsync(source, CancellationToken.None);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync() is { } line)
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    lines.Add(line);
                }

                if (lines.Count == LinesPerStep)
                {
                    Store(run, batch, lines);
                    lines.Clear();
                    if (run.Records.Count >= RowsPerTransaction)
                    {
                        await FlushAsync(run, batch, ended, final: false);
                    }
                }
            }
        }

        Store(run, batch, lines);
        if (ended.Status == "failed")
        {
            FailUnanswered(run, batch, ended);
        }

        await FlushAsync(run, batch, ended, final: true);
        await run.Writing;
        return run.Billed;
    }

    /// <summary>Turns lines into records: parsed and matched to requests in order, transcripts and cache written in bulk.</summary>
    private void Store(Collection run, TrackedBatch batch, IReadOnlyList<string> lines)
    {
        var parsed = lines.Select(Parse).ToArray();
        var found = new List<(TRequest Planned, ModelRequest Request, BatchResultLine Result)>(parsed.Length);
        foreach (var result in parsed)
        {
            if (result is null || !run.Keys.TryGetValue(result.CustomId, out var key) || !run.Seen.Add(result.CustomId))
            {
                run.Stray++;
            }
            else if (result.Unanswered)
            {
                // Expired or canceled before it ran: unbilled, no row, so the request stays pending for the next run.
            }
            else if (!run.AlreadyStored.Contains(key) && run.Planned.TryGetValue(key, out var planned))
            {
                // Skipped otherwise: stored by an earlier, interrupted collection (with its ledger row), or no longer planned.
                found.Add((planned, planned.Request(), result));
            }
        }

        var entries = found.Select(item => Transcript(batch, item.Planned, item.Request, item.Result)).ToList();
        var links = context.Transcripts.AppendAll(entries);
        var cached = new List<(CacheKey, ModelResponse)>(found.Count);
        for (var i = 0; i < found.Count; i++)
        {
            var (planned, request, _) = found[i];
            if (entries[i].Response is not { } answer)
            {
                run.Records.Add(results.Failed(planned, batch.SubmissionId, entries[i].Error!, links[i]));
                continue;
            }

            var usd = context.Prices.CostOf(model.Id, answer.Usage) * context.Prices.BatchShare(model.Id);
            run.Billed += usd ?? 0m;
            if (!results.BooksLedgerFromRows)
            {
                run.Ledger.Add(request, answer.Usage, usd);
            }

            cached.Add((CacheKey.For(request), answer));
            run.Records.Add(results.Answered(planned, batch.SubmissionId, answer, usd, links[i]));
        }

        context.Cache.PutAll(cached);
    }

    private BatchResultLine? Parse(string line)
    {
        try
        {
            return api.ParseResult(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private TranscriptEntry Transcript(TrackedBatch batch, TRequest planned, ModelRequest request, BatchResultLine result)
    {
        var answer = result.Response is { } response ? response with { EffectiveParameters = results.Effective(planned) } : null;
        var error = answer is null ? Redactor.Redact($"{model.Id} (batch {batch.BatchId}): {result.Error}") : null;
        return new TranscriptEntry(request.CellKey ?? planned.Key, model.Id, request.Epoch, request.Messages, request.Parameters, answer, error, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// A batch the provider failed as a whole (its input was refused) answers nothing: each of its requests becomes an
    /// errored row with the provider's reason, so the run reports it and the next run tries again — rather than silently pending.
    /// </summary>
    private void FailUnanswered(Collection run, TrackedBatch batch, ProviderBatch ended)
    {
        var error = Redactor.Redact($"{model.Id} (batch {batch.BatchId}): the provider failed the batch: {ended.Errors ?? "no reason given"}");
        foreach (var (customId, key) in run.Keys)
        {
            if (!run.Seen.Contains(customId) && !run.AlreadyStored.Contains(key) && run.Planned.TryGetValue(key, out var planned))
            {
                run.Records.Add(results.Failed(planned, batch.SubmissionId, error, null));
            }
        }
    }

    /// <summary>
    /// Stores the results read so far with their ledger rows in one transaction (the last one also marks the batch
    /// collected), in the background while the next lines are read: one transaction at a time, in order.
    /// </summary>
    private async Task FlushAsync(Collection run, TrackedBatch batch, ProviderBatch ended, bool final)
    {
        var records = run.Records.ToList();
        run.Records.Clear();
        var ledger = run.Ledger.Drain();
        var stray = run.Stray;
        await run.Writing;
        if (++run.Transactions % TransactionsPerFullCollection == 0)
        {
            // What outlives a step (the records and ledger rows of a transaction in flight, the writer's own
            // allocations) is promoted and dies in gen 2, which the runtime collects only when its budget runs out:
            // with two models' collections back to back that was ~50 MB of a ~470 MB peak. A background collection
            // every 10,000 rows reclaims it without stopping the collector (docs/BENCHMARKS.md, batches).
            GC.Collect(2, GCCollectionMode.Forced, blocking: false);
        }

        run.Writing = Task.Run(() => results.Write(records, ledger, final
            ? store =>
            {
                store.Batches.SetState(batch.SubmissionId, ended.Id, ended.Status, ended.Completed, ended.Failed);
                store.Batches.SetCollected(batch.SubmissionId, stray, stray > 0 ? $"{stray} output lines named no request of this batch or one already read; ignored" : null);
            }
            : null));
    }

    /// <summary>The state of one batch's collection.</summary>
    /// <param name="Keys">custom_id → the key its result is stored under.</param>
    private sealed record Collection(
        IReadOnlyDictionary<string, string> Keys, IReadOnlySet<string> AlreadyStored, IReadOnlyDictionary<string, TRequest> Planned, LedgerSink Ledger)
    {
        public List<TRecord> Records { get; } = [];

        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

        public int Stray { get; set; }

        /// <summary>Transactions handed to the writer so far.</summary>
        public int Transactions { get; set; }

        public decimal Billed { get; set; }

        /// <summary>The transaction being written; the next waits for it.</summary>
        public Task Writing { get; set; } = Task.CompletedTask;
    }
}
