using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Grading;
using ItemEval.Runtime.Grading.Judges;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages.Grade;

/// <summary>One grading still to do: a solution, its item, the grader that applies and the key its row is stored under.</summary>
/// <param name="Second">Pairwise: the other condition's solution, in the second position.</param>
internal sealed record PendingGrading(GradableSolution Solution, Item Item, GraderConfig Grader, string GradingKey, GradableSolution? Second = null)
{
    /// <summary>What its grader sees of it.</summary>
    public GradingContext Context(JudgeSession? judges) => new(Solution.CellKey, Solution.Output, Item, Grader, judges, Second?.Output);

    /// <summary>A grading may be stored under the key already (see <see cref="GradingRecord.ReplacesStored"/>); unknown is true.</summary>
    public bool ReplacesStored { get; init; } = true;
}
