using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;

namespace ItemEval.Runtime.Grading;

/// <summary>
/// Passes when <c>pattern</c> matches the output; with a group named <c>answer</c>, the capture must also equal the
/// target (trimmed, case-insensitive).
/// </summary>
public sealed class RegexScorer : IScorer
{
    public string Type => "regex";

    public ScoreResult Score(string output, Item item, GraderConfig grader)
    {
        var regex = RegexPattern.Compile(grader.Options["pattern"]);
        var match = regex.Match(output);
        if (!match.Success)
        {
            return new ScoreResult(0, false, null, "pattern did not match");
        }

        if (regex.GetGroupNames().Contains("answer"))
        {
            var captured = match.Groups["answer"].Value.Trim();
            var passed = string.Equals(captured, item.Target?.Trim(), StringComparison.OrdinalIgnoreCase);
            return new ScoreResult(passed ? 1 : 0, passed, captured, passed ? null : $"expected '{item.Target}'");
        }

        return new ScoreResult(1, true, match.Value, null);
    }
}
