using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;

namespace ItemEval.Runtime.Grading;

/// <summary>A verifiable scorer: a pure function of the stored output text and the item. Costs $0.</summary>
public interface IScorer
{
    /// <summary>The grader <c>type</c> in study.yaml that selects this scorer.</summary>
    string Type { get; }

    ScoreResult Score(string output, Item item, GraderConfig grader);
}
