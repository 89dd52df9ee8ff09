using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;

namespace ItemEval.Runtime.Grading;

/// <summary>Passes when the chosen letter equals the target's (letter, 0-based index or choice text).</summary>
public sealed class MultipleChoiceScorer : IScorer
{
    public string Type => "multiple_choice";

    public ScoreResult Score(string output, Item item, GraderConfig grader)
    {
        var expected = ChoiceAnswer.Letter(item.Target, item.Choices);
        if (expected is null)
        {
            return new ScoreResult(0, false, null, $"target '{item.Target}' is not a choice");
        }

        var chosen = ChoiceAnswer.Extract(output, item.Choices);
        var passed = chosen == expected;
        return new ScoreResult(passed ? 1 : 0, passed, chosen, passed ? null : chosen is null ? "no choice found in the output" : $"expected {expected}");
    }
}
