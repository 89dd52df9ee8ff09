using System.Text.Json;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Caching;
using ItemEval.Runtime.Providers.Catalog;
using ItemEval.Runtime.Providers.Transcripts;
using ItemEval.Runtime.Stages.Generate;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Batches;

/// <summary>
/// Reads an ended batch's output and error files as streams and stores what they say: an answer becomes a solution
/// (priced at the batch rate, ledger kind <c>batch</c>, cached so an interactive re-run never pays for it), a failed
/// request an errored cell. A line naming no request of the batch, or one already read, is counted on the batch and
/// never overwrites a cell. Results already stored from this batch (a collection cut short) are skipped, so nothing is
/// stored or booked twice. Cells the batch never answered (expired, cancelled) stay pending for the next run.
/// </summary>
/// <remarks>
/// Lines are taken 2,000 at a time: parsed in parallel, their transcripts and cache entries written in bulk (one flush
/// each), then stored with their ledger rows in one transaction, written while the next 2,000 are read.
/// </remarks>
internal sealed class BatchCollector(BatchContext context, IProviderBatchApi api, ModelConfig model, SolutionWriter writer)
{
    private const int RowsPerTransaction = 2_000;

    private readonly Dictionary<string, ConditionWire> _wire = new(StringComparer.Ordinal);

    /// <returns>What the provider billed for the batch, as its answers' usage says.</returns>
    public async Task<decimal> CollectAsync(TrackedBatch batch, ProviderBatch ended, IReadOnlyDictionary<string, PlannedCell> planned)
    {
        await context.Collecting.WaitAsync(CancellationToken.None);
        try
        {
            return await CollectAllAsync(batch, ended, planned);
        }
        finally
        {
            context.Collecting.Release();
        }
    }

    private async Task<decimal> CollectAllAsync(TrackedBatch batch, ProviderBatch ended, IReadOnlyDictionary<string, PlannedCell> planned)
    {
        var cells = context.Store(store => store.Batches.Cells(batch.SubmissionId));
        var alreadyStored = context.Store(store => store.Batches.StoredFrom(batch.SubmissionId));
        var run = new Collection(cells, alreadyStored, planned, new LedgerSink(context.Run.RunId, "batch"));
        var lines = new List<string>(RowsPerTransaction);
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

                if (lines.Count == RowsPerTransaction)
                {
                    Store(run, batch, lines);
                    lines.Clear();
                    await FlushAsync(run, batch, ended, final: false);
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

    /// <summary>Turns lines into records: parsed in parallel, matched to cells in order, transcripts and cache written in bulk.</summary>
    private void Store(Collection run, TrackedBatch batch, IReadOnlyList<string> lines)
    {
        var parsed = lines.AsParallel().AsOrdered().Select(Parse).ToArray();
        var results = new List<(PlannedCell Cell, ModelRequest Request, BatchResultLine Result)>(parsed.Length);
        foreach (var result in parsed)
        {
            if (result is null || !run.Cells.TryGetValue(result.CustomId, out var cellKey) || !run.Seen.Add(result.CustomId))
            {
                run.Stray++;
            }
            else if (result.Unanswered)
            {
                // Expired or canceled before it ran: unbilled, no row, so the cell stays pending for the next run.
            }
            else if (!run.AlreadyStored.Contains(cellKey) && run.Planned.TryGetValue(cellKey, out var cell))
            {
                // Skipped otherwise: stored by an earlier, interrupted collection (with its ledger row), or no longer in the grid.
                results.Add((cell, CellRunner.RequestFor(cell.Cell, cell.Condition, cell.Item), result));
            }
        }

        var entries = results.Select(found => Transcript(batch, found.Cell, found.Request, found.Result)).ToList();
        var links = context.Transcripts.AppendAll(entries);
        var cached = new List<(CacheKey, ModelResponse)>(results.Count);
        for (var i = 0; i < results.Count; i++)
        {
            var (cell, request, result) = results[i];
            var wire = Wire(cell.Condition);
            if (entries[i].Response is not { } answer)
            {
                run.Records.Add(Record(cell, batch, SolutionStatus.Error, null, entries[i].Error, null, wire.Requested, null, TokenUsage.Zero, 0m, null, links[i]));
                continue;
            }

            var usd = context.Prices.TryGet(model.Id, out var price) ? PriceTable.Cost(price, answer.Usage) * context.Prices.BatchShare(model.Id) : 0m;
            run.Billed += usd;
            run.Ledger.Add(request, answer.Usage, usd);
            cached.Add((CacheKey.For(request), answer));
            var status = string.IsNullOrWhiteSpace(answer.Text) ? SolutionStatus.Empty : SolutionStatus.Done;
            run.Records.Add(Record(cell, batch, status, answer.Text, null, answer.FinishReason, wire.Requested, wire.EffectiveJson, answer.Usage, usd, answer.ProviderRequestId, links[i]));
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

    private TranscriptEntry Transcript(TrackedBatch batch, PlannedCell cell, ModelRequest request, BatchResultLine result)
    {
        var answer = result.Response is { } response ? response with { EffectiveParameters = Wire(cell.Condition).Effective } : null;
        var error = answer is null ? Redactor.Redact($"{model.Id} (batch {batch.BatchId}): {result.Error}") : null;
        return new TranscriptEntry(cell.Cell.Key, model.Id, cell.Cell.Epoch, request.Messages, request.Parameters, answer, error, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// A batch the provider failed as a whole (its input was refused) answers nothing: each of its cells becomes an errored
    /// cell with the provider's reason, so the run reports it and the next run tries again — rather than silently pending.
    /// </summary>
    private void FailUnanswered(Collection run, TrackedBatch batch, ProviderBatch ended)
    {
        var error = Redactor.Redact($"{model.Id} (batch {batch.BatchId}): the provider failed the batch: {ended.Errors ?? "no reason given"}");
        foreach (var (customId, cellKey) in run.Cells)
        {
            if (!run.Seen.Contains(customId) && !run.AlreadyStored.Contains(cellKey) && run.Planned.TryGetValue(cellKey, out var cell))
            {
                run.Records.Add(Record(cell, batch, SolutionStatus.Error, null, error, null, Wire(cell.Condition).Requested, null, TokenUsage.Zero, 0m, null, null));
            }
        }
    }

    private SolutionRecord Record(
        PlannedCell cell, TrackedBatch batch, string status, string? output, string? error, string? finishReason, string requested,
        string? effective, TokenUsage usage, decimal usd, string? requestId, string? transcript) =>
        new(cell.Cell.Key, cell.Cell.ConditionId, cell.Cell.ItemUid, cell.Cell.Epoch, model.Id, status, output, error, finishReason,
            requested, effective, usage, usd, 0, requestId, Retries: 0, CacheHit: false, context.Run.RunId, transcript)
        {
            BatchId = batch.SubmissionId,
        };

    /// <summary>A condition's parameters as requested and as sent (the same for every cell of it), worked out once.</summary>
    private ConditionWire Wire(Design.Condition condition)
    {
        if (!_wire.TryGetValue(condition.Id, out var wire))
        {
            var requested = condition.Lane.Parameters;
            var effective = ParameterPolicy.Effective(model.Provider, model.ModelName, requested);
            wire = new ConditionWire(StoreJson.Write(requested), effective, StoreJson.Write(effective));
            _wire[condition.Id] = wire;
        }

        return wire;
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
        run.Writing = Task.Run(() => writer.WriteNow(records, ledger, final
            ? store =>
            {
                store.Batches.SetState(batch.SubmissionId, ended.Id, ended.Status, ended.Completed, ended.Failed);
                store.Batches.SetCollected(batch.SubmissionId, stray, stray > 0 ? $"{stray} output lines named no request of this batch or one already read; ignored" : null);
            }
            : null));
    }

    private sealed record ConditionWire(string Requested, LaneParameters Effective, string EffectiveJson);

    /// <summary>The state of one batch's collection.</summary>
    private sealed record Collection(
        IReadOnlyDictionary<string, string> Cells, IReadOnlySet<string> AlreadyStored, IReadOnlyDictionary<string, PlannedCell> Planned, LedgerSink Ledger)
    {
        public List<SolutionRecord> Records { get; } = [];

        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

        public int Stray { get; set; }

        public decimal Billed { get; set; }

        /// <summary>The transaction being written; the next waits for it.</summary>
        public Task Writing { get; set; } = Task.CompletedTask;
    }
}
