using ItemEval.Runtime.Batches;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Grading;
using ItemEval.Runtime.Grading.Judges;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Stages.Grade;

/// <summary>
/// A pending judge grading as a line of a provider batch: stored under its grading key (the custom_id derives from it),
/// sent to the judge model, its prompt rendered when the line is written and again when its answer is read (never held).
/// </summary>
internal sealed record JudgeBatchRequest(PendingGrading Pending, LlmJudge Judge, GradingContext Context) : IBatchRequest
{
    public string Key => Pending.GradingKey;

    public ModelConfig Model => Pending.Grader.Judge!.Model;

    public ModelRequest Request() => JudgeSession.RequestFor(Context, Judge.Call(Context));
}
