using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Grading.Judges;

/// <summary>
/// A rubric judge's contract: a JSON object <c>{"score": …, "reasoning": …}</c> or a verdict line <c>Rating: [[7]]</c>
/// (MT-Bench's), the score within the grader's scale. The same score given twice is one verdict; two that differ are
/// <c>several_verdicts</c>.
/// </summary>
public static partial class RubricVerdictParser
{
    public static Verdict Parse(string text, string? finishReason, JudgeScale scale)
    {
        if (VerdictText.EmptyCode(text) is { } empty)
        {
            return Verdict.Failed(empty);
        }

        var scores = new List<double>();
        string? reasoning = null;
        foreach (Match match in Rating().Matches(text))
        {
            if (double.TryParse(match.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rating))
            {
                scores.Add(rating);
            }
        }

        var objects = VerdictText.Objects(text, out var malformed);
        foreach (var json in objects)
        {
            if (Score(json) is { } score)
            {
                scores.Add(score);
                reasoning ??= VerdictText.Text(json, "reasoning");
            }
        }

        var distinct = scores.Distinct().ToList();
        if (VerdictText.NotExactlyOne(distinct.Count, text, finishReason, malformed) is { } failed)
        {
            return failed;
        }

        var value = distinct[0];
        return value < scale.Min || value > scale.Max
            ? new Verdict(VerdictCodes.OutOfRange, value, Label(value))
            : new Verdict(null, value, Label(value), reasoning);
    }

    private static double? Score(JsonElement json) => VerdictText.Property(json, "score") switch
    {
        { ValueKind: JsonValueKind.Number } number => number.GetDouble(),
        { ValueKind: JsonValueKind.String } text when double.TryParse(text.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static string Label(double value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\[\[\s*(?<n>-?\d+(?:\.\d+)?)\s*\]\]")]
    private static partial Regex Rating();
}
