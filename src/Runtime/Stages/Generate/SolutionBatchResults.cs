using System.Collections.Concurrent;
using ItemEval.Runtime.Batches;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Catalog;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages.Generate;

/// <summary>
/// Generate's batch results: an answer becomes a solution (done or empty, with usage and <c>batch_id</c>), a failed
/// request an errored cell; stored by the run's <see cref="SolutionWriter"/>, booked as kind <c>batch</c> in SQL from
/// the stored rows (<see cref="SolutionRepository.SaveBatchAnswers"/>).
/// </summary>
internal sealed class SolutionBatchResults(SolutionWriter writer, string runId) : IBatchResults<PlannedCell, SolutionRecord>
{
    private readonly ConcurrentDictionary<string, ConditionWire> _wire = new(StringComparer.Ordinal);

    // Per submission: none of its cells had a row when its collection started (the usual case).
    private readonly ConcurrentDictionary<string, bool> _newCells = new(StringComparer.Ordinal);

    public string Stage => BatchStage.Generate;

    public string LedgerKind => "batch";

    public bool BooksLedgerFromRows => true;

    /// <summary>
    /// Whether any of the batch's cells has a row not stored from this batch (an errored attempt being retried): if none,
    /// every transaction of the collection is a plain insert, without looking for existing rows in the whole table each
    /// time. Its cells are this batch's alone while it is in flight (never run interactively nor batched again), and rows
    /// already stored from it are skipped.
    /// </summary>
    public void Starting(StudyStore store, string submissionId) => _newCells[submissionId] = !store.Batches.AnyCellStoredElsewhere(submissionId);

    public IReadOnlySet<string> StoredFrom(StudyStore store, string submissionId) => store.Batches.SolutionsFrom(submissionId);

    public LaneParameters Effective(PlannedCell request) => Wire(request.Condition).Effective;

    public SolutionRecord Answered(PlannedCell request, string submissionId, ModelResponse answer, decimal? usd, string? transcript)
    {
        var wire = Wire(request.Condition);
        var status = string.IsNullOrWhiteSpace(answer.Text) ? SolutionStatus.Empty : SolutionStatus.Done;
        return Record(request, submissionId, status, answer.Text, null, answer.FinishReason, wire.Requested, wire.EffectiveJson, answer.Usage, usd, answer.ProviderRequestId, transcript);
    }

    public SolutionRecord Failed(PlannedCell request, string submissionId, string error, string? transcript) =>
        Record(request, submissionId, SolutionStatus.Error, null, error, null, Wire(request.Condition).Requested, null, TokenUsage.Zero, 0m, null, transcript);

    /// <param name="ledger">Unused: the answers' ledger rows are derived from the rows (<see cref="BooksLedgerFromRows"/>).</param>
    public void Write(IReadOnlyList<SolutionRecord> records, IReadOnlyList<LedgerEntry> ledger, Action<StudyStore>? alsoInTransaction) =>
        writer.WriteBatchAnswers(records, LedgerKind, records.Count > 0 && _newCells.GetValueOrDefault(records[0].BatchId ?? ""), alsoInTransaction);

    private SolutionRecord Record(
        PlannedCell cell, string submissionId, string status, string? output, string? error, string? finishReason, string requested,
        string? effective, TokenUsage usage, decimal? usd, string? requestId, string? transcript) =>
        new(cell.Cell.Key, cell.Cell.ConditionId, cell.Cell.ItemUid, cell.Cell.Epoch, cell.Condition.Model.Id, status, output, error, finishReason,
            requested, effective, usage, usd, 0, requestId, Retries: 0, CacheHit: false, runId, transcript)
        {
            BatchId = submissionId,
        };

    /// <summary>A condition's parameters as requested and as sent (the same for every cell of it), worked out once.</summary>
    private ConditionWire Wire(Condition condition) =>
        _wire.GetOrAdd(condition.Id, static (_, condition) =>
        {
            var model = condition.Model;
            var requested = condition.Lane.Parameters;
            var effective = ParameterPolicy.Effective(model.Provider, model.ModelName, requested);
            return new ConditionWire(StoreJson.Write(requested), effective, StoreJson.Write(effective));
        }, condition);

    private sealed record ConditionWire(string Requested, LaneParameters Effective, string EffectiveJson);
}
