using System.Text.Json;
using System.Text.RegularExpressions;

namespace ItemEval.Runtime.Grading.Judges;

/// <summary>
/// A pairwise judge's contract: <c>[[A]]</c>, <c>[[B]]</c> or <c>[[C]]</c> (a tie, MT-Bench's convention), or JSON
/// <c>{"winner": "A" | "B" | "tie"}</c>. Value 1 means the answer in the first position won, 0 the second, 0.5 a tie.
/// </summary>
public static partial class PairwiseVerdictParser
{
    public const string First = "A";
    public const string Second = "B";
    public const string Tie = "tie";

    public static Verdict Parse(string text, string? finishReason)
    {
        if (VerdictText.EmptyCode(text) is { } empty)
        {
            return Verdict.Failed(empty);
        }

        var given = Bracketed().Matches(text).Select(match => match.Groups["v"].Value).ToList();
        var objects = VerdictText.Objects(text, out var malformed);
        given.AddRange(objects.Select(json => VerdictText.Text(json, "winner") ?? VerdictText.Text(json, "verdict")).OfType<string>());
        var labels = given.Select(Normalize).Distinct().ToList();
        if (VerdictText.NotExactlyOne(labels.Count, text, finishReason, malformed) is { } failed)
        {
            return failed;
        }

        return labels[0] switch
        {
            First => new Verdict(null, 1, First),
            Second => new Verdict(null, 0, Second),
            Tie => new Verdict(null, 0.5, Tie),
            var other => new Verdict(VerdictCodes.OutOfRange, null, other),
        };
    }

    private static string Normalize(string verdict) => verdict.Trim().ToUpperInvariant() switch
    {
        "A" => First,
        "B" => Second,
        "C" or "TIE" => Tie,
        var other => other,
    };

    [GeneratedRegex(@"\[\[\s*(?<v>[A-Za-z]+)\s*\]\]")]
    private static partial Regex Bracketed();
}
