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
internal sealed class BatchCollector(BatchContext context, OpenAIBatchApi api, ModelConfig model, SolutionWriter writer)
{
    private const int RowsPerTransaction = 1_000;

    /// <returns>What the provider billed for the batch, as its answers' usage says.</returns>
    public async Task<decimal> CollectAsync(TrackedBatch batch, ProviderBatch ended, IReadOnlyDictionary<string, PlannedCell> planned)
    {
        var cells = context.Store(store => store.Batches.Cells(batch.SubmissionId));
        var alreadyStored = context.Store(store => store.Batches.StoredFrom(batch.SubmissionId));
        var run = new Collection(cells, alreadyStored, planned, new LedgerSink(context.Run.RunId, "batch"));
        foreach (var fileId in new[] { ended.OutputFileId, ended.ErrorFileId }.OfType<string>())
        {
            await using var stream = await api.OpenContentAsync(fileId, CancellationToken.None);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync() is { } line)
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    Read(run, batch, line);
                }

                if (run.Records.Count >= RowsPerTransaction)
                {
                    Flush(run, batch, ended, final: false);
                }
            }
        }

        if (ended.Status == "failed")
        {
            FailUnanswered(run, batch, ended);
        }

        Flush(run, batch, ended, final: true);
        return run.Billed;
    }

    private void Read(Collection run, TrackedBatch batch, string line)
    {
        BatchResultLine result;
        try
        {
            result = BatchResultLine.Parse(line);
        }
        catch (JsonException)
        {
            run.Stray++;
            return;
        }

        if (!run.Cells.TryGetValue(result.CustomId, out var cellKey) || !run.Seen.Add(result.CustomId))
        {
            run.Stray++;
            return;
        }

        if (run.AlreadyStored.Contains(cellKey) || !run.Planned.TryGetValue(cellKey, out var cell))
        {
            // Stored by an earlier, interrupted collection (with its ledger row), or no longer in the grid.
            return;
        }

        var request = CellRunner.RequestFor(cell.Cell, cell.Condition, cell.Item);
        var requested = StoreJson.Write(cell.Condition.Lane.Parameters);
        if (result.Response is not { } response)
        {
            var error = Providers.Transcripts.Redactor.Redact($"{model.Id} (batch {batch.BatchId}): {result.Error}");
            var failed = context.Transcripts.Append(new TranscriptEntry(cellKey, model.Id, cell.Cell.Epoch, request.Messages, request.Parameters, null, error, DateTimeOffset.UtcNow));
            run.Records.Add(Record(cell, batch, SolutionStatus.Error, null, error, null, requested, null, TokenUsage.Zero, 0m, null, failed));
            return;
        }

        var effective = ParameterPolicy.Effective(model.Provider, model.ModelName, request.Parameters);
        var answer = response with { EffectiveParameters = effective };
        var usd = context.Prices.TryGet(model.Id, out var price) ? PriceTable.Cost(price, answer.Usage) * BatchDiscount.For(model.Provider) : 0m;
        run.Billed += usd;
        run.Ledger.Add(request, answer.Usage, usd);
        context.Cache.Put(CacheKey.For(request), answer);
        var link = context.Transcripts.Append(new TranscriptEntry(cellKey, model.Id, cell.Cell.Epoch, request.Messages, request.Parameters, answer, null, DateTimeOffset.UtcNow));
        var status = string.IsNullOrWhiteSpace(answer.Text) ? SolutionStatus.Empty : SolutionStatus.Done;
        run.Records.Add(Record(cell, batch, status, answer.Text, null, answer.FinishReason, requested, StoreJson.Write(effective), answer.Usage, usd, answer.ProviderRequestId, link));
    }

    /// <summary>
    /// A batch the provider failed as a whole (its input was refused) answers nothing: each of its cells becomes an errored
    /// cell with the provider's reason, so the run reports it and the next run tries again — rather than silently pending.
    /// </summary>
    private void FailUnanswered(Collection run, TrackedBatch batch, ProviderBatch ended)
    {
        var error = Providers.Transcripts.Redactor.Redact($"{model.Id} (batch {batch.BatchId}): the provider failed the batch: {ended.Errors ?? "no reason given"}");
        foreach (var (customId, cellKey) in run.Cells)
        {
            if (!run.Seen.Contains(customId) && !run.AlreadyStored.Contains(cellKey) && run.Planned.TryGetValue(cellKey, out var cell))
            {
                run.Records.Add(Record(cell, batch, SolutionStatus.Error, null, error, null, StoreJson.Write(cell.Condition.Lane.Parameters), null, TokenUsage.Zero, 0m, null, null));
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

    /// <summary>Stores the results read so far with their ledger rows in one transaction; the last one also marks the batch collected.</summary>
    private void Flush(Collection run, TrackedBatch batch, ProviderBatch ended, bool final)
    {
        var records = run.Records.ToList();
        run.Records.Clear();
        writer.WriteNow(records, run.Ledger.Drain(), final
            ? store =>
            {
                store.Batches.SetState(batch.SubmissionId, ended.Id, ended.Status, ended.Completed, ended.Failed);
                store.Batches.SetCollected(batch.SubmissionId, run.Stray, run.Stray > 0 ? $"{run.Stray} output lines named no request of this batch or one already read; ignored" : null);
            }
            : null);
    }

    /// <summary>The state of one batch's collection.</summary>
    private sealed record Collection(
        IReadOnlyDictionary<string, string> Cells, IReadOnlySet<string> AlreadyStored, IReadOnlyDictionary<string, PlannedCell> Planned, LedgerSink Ledger)
    {
        public List<SolutionRecord> Records { get; } = [];

        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

        public int Stray { get; set; }

        public decimal Billed { get; set; }
    }
}
