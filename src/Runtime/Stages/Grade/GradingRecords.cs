using ItemEval.Runtime.Grading;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages.Grade;

/// <summary>The stored row of one grading's outcome, however it was graded (a scorer, a judge called interactively or in a batch).</summary>
internal static class GradingRecords
{
    public static GradingRecord From(PendingGrading pending, GradeOutcome outcome, string runId) =>
        new(pending.GradingKey, pending.Solution.CellKey, pending.Grader.Name, pending.Grader.Type, outcome.Status, outcome.Score,
            outcome.Passed, outcome.Extracted, outcome.Detail, outcome.Error, outcome.Usd, outcome.InputTokens, outcome.OutputTokens,
            outcome.Transcript, runId)
        {
            VerdictCode = outcome.VerdictCode,
            RawText = outcome.RawText,
            CacheReadTokens = outcome.CacheReadTokens,
            CacheWriteTokens = outcome.CacheWriteTokens,
            SecondCellKey = pending.Second?.CellKey,
            ReplacesStored = pending.ReplacesStored,
        };
}
