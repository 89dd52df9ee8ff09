using System.Globalization;
using System.Text.RegularExpressions;

namespace ItemEval.Runtime.Grading;

/// <summary>
/// Pulls the final numeric answer out of free text, in order of how explicit it is: GSM8K's <c>#### N</c>, a
/// <c>\boxed{N}</c>, "the answer is N" / "Answer: N", and finally the last number in the text.
/// </summary>
public static partial class NumericAnswer
{
    public static bool TryExtract(string text, out decimal value)
    {
        value = 0;
        foreach (var pattern in new[] { Hashes(), Boxed(), AnswerIs() })
        {
            var matches = pattern.Matches(text);
            if (matches.Count > 0 && TryParse(matches[^1].Groups["n"].Value, out value))
            {
                return true;
            }
        }

        var numbers = AnyNumber().Matches(text);
        return numbers.Count > 0 && TryParse(numbers[^1].Value, out value);
    }

    /// <summary>Parses "1,234", "$18.00", "-3", "3/4" (as 0.75).</summary>
    public static bool TryParse(string text, out decimal value)
    {
        var cleaned = text.Replace(",", "", StringComparison.Ordinal).Replace("$", "", StringComparison.Ordinal).Trim().TrimEnd('.');
        var slash = cleaned.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0
            && decimal.TryParse(cleaned[..slash], NumberStyles.Number, CultureInfo.InvariantCulture, out var numerator)
            && decimal.TryParse(cleaned[(slash + 1)..], NumberStyles.Number, CultureInfo.InvariantCulture, out var denominator)
            && denominator != 0)
        {
            value = numerator / denominator;
            return true;
        }

        return decimal.TryParse(cleaned, NumberStyles.Number, CultureInfo.InvariantCulture, out value);
    }

    private const string Number = @"-?\$?\d[\d,]*(?:\.\d+)?(?:/\d+)?";

    [GeneratedRegex(@"####\s*(?<n>" + Number + ")")]
    private static partial Regex Hashes();

    [GeneratedRegex(@"\\boxed\{\s*(?<n>" + Number + @")\s*\}")]
    private static partial Regex Boxed();

    [GeneratedRegex(@"(?i)answer(?:\s+is)?\s*[:=]?\s*\**\s*(?<n>" + Number + ")")]
    private static partial Regex AnswerIs();

    [GeneratedRegex(Number)]
    private static partial Regex AnyNumber();
}
