using System.Collections.Concurrent;
using ItemEval.Runtime.Batches;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Grading;
using ItemEval.Runtime.Grading.Judges;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Catalog;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages.Grade;

/// <summary>
/// Grade's batch results: a judge's answer is read by the judge's strict contract into a grading (a verdict, or a
/// parse failure with its code and the raw text — final, as for an interactive call), a failed request an errored
/// grading the next Grade asks again; stored by the run's <see cref="GradingWriter"/>, booked as kind <c>judge</c>.
/// </summary>
internal sealed class JudgeBatchResults(GradingWriter writer, string runId) : IBatchResults<JudgeBatchRequest, GradingRecord>
{
    private readonly ConcurrentDictionary<string, LaneParameters> _effective = new(StringComparer.Ordinal);

    public string Stage => BatchStage.Grade;

    public string LedgerKind => "judge";

    public IReadOnlySet<string> StoredFrom(StudyStore store, string submissionId) => store.Batches.GradingsFrom(submissionId);

    /// <summary>A judge's lane as sent (the same for every call of one grader).</summary>
    public LaneParameters Effective(JudgeBatchRequest request) =>
        _effective.GetOrAdd(request.Pending.Grader.Name, static (_, judge) => ParameterPolicy.Effective(judge.Model.Provider, judge.Model.ModelName, judge.Lane), request.Pending.Grader.Judge!);

    public GradingRecord Answered(JudgeBatchRequest request, string submissionId, ModelResponse answer, decimal? usd, string? transcript) =>
        Record(request, submissionId, request.Judge.Conclude(request.Context, new JudgeAnswer(answer, usd, transcript ?? "")));

    public GradingRecord Failed(JudgeBatchRequest request, string submissionId, string error, string? transcript) =>
        Record(request, submissionId, GradeOutcome.Failed(error) with { Transcript = transcript });

    public void Write(IReadOnlyList<GradingRecord> records, IReadOnlyList<LedgerEntry> ledger, Action<StudyStore>? alsoInTransaction) =>
        writer.WriteNow(records, ledger, alsoInTransaction);

    private GradingRecord Record(JudgeBatchRequest request, string submissionId, GradeOutcome outcome) =>
        GradingRecords.From(request.Pending, outcome, runId) with { BatchId = submissionId };
}
