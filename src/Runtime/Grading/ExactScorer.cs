using System.Text.RegularExpressions;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;

namespace ItemEval.Runtime.Grading;

/// <summary>Whole-output equality after folding whitespace and surrounding punctuation; <c>case_sensitive</c> off by default.</summary>
public sealed partial class ExactScorer : IScorer
{
    public string Type => "exact";

    public ScoreResult Score(string output, Item item, GraderConfig grader)
    {
        var caseSensitive = grader.Options.TryGetValue("case_sensitive", out var flag) && bool.TryParse(flag, out var on) && on;
        var actual = Normalize(output);
        var expected = Normalize(item.Target ?? "");
        var passed = string.Equals(actual, expected, caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);
        return new ScoreResult(passed ? 1 : 0, passed, actual, passed ? null : $"expected '{expected}'");
    }

    internal static string Normalize(string text) => Spaces().Replace(text, " ").Trim().Trim('.', '!', '?', ',', ';', ':', '"', '\'', '`', '*').Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
