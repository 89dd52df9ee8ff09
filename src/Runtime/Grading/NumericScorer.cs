using System.Globalization;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;

namespace ItemEval.Runtime.Grading;

/// <summary>
/// Compares the output's final number with the target's (a GSM8K solution counts by its <c>#### N</c>), within
/// <c>tolerance</c> (absolute, default 1e-6) or <c>relative_tolerance</c>.
/// </summary>
public sealed class NumericScorer : IScorer
{
    public string Type => "numeric";

    public ScoreResult Score(string output, Item item, GraderConfig grader)
    {
        if (item.Target is null || !NumericAnswer.TryExtract(item.Target, out var expected))
        {
            return new ScoreResult(0, false, null, $"target '{item.Target}' has no number");
        }

        if (!NumericAnswer.TryExtract(output, out var actual))
        {
            return new ScoreResult(0, false, null, "no number in the output");
        }

        var tolerance = Option(grader, "tolerance") ?? 1e-6m;
        var relative = Option(grader, "relative_tolerance");
        var difference = Math.Abs(actual - expected);
        var passed = difference <= tolerance || (relative is { } r && difference <= r * Math.Abs(expected));
        var extracted = actual.ToString(CultureInfo.InvariantCulture);
        return new ScoreResult(passed ? 1 : 0, passed, extracted, passed ? null : $"expected {expected.ToString(CultureInfo.InvariantCulture)}");
    }

    private static decimal? Option(GraderConfig grader, string name) =>
        grader.Options.TryGetValue(name, out var text) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
