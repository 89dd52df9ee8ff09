using System.Text.RegularExpressions;

namespace ItemEval.Runtime.Grading;

/// <summary>Finds the letter a model chose, preferring its last explicit "answer" statement.</summary>
public static partial class ChoiceAnswer
{
    public static string? Extract(string output, IReadOnlyList<string> choices)
    {
        var letters = choices.Count > 0 ? choices.Count : 10;
        var valid = new Func<string, bool>(letter => letter.Length == 1 && letter[0] - 'A' < letters && letter[0] >= 'A');
        foreach (var pattern in new[] { Stated(), Bracketed(), LineStart(), Standalone() })
        {
            var match = pattern.Matches(output).Select(m => m.Groups["l"].Value.ToUpperInvariant()).LastOrDefault(valid);
            if (match is not null)
            {
                return match;
            }
        }

        // The full text of one choice, if exactly one appears.
        var mentioned = choices.Select((choice, index) => (choice, index))
            .Where(pair => pair.choice.Length > 0 && output.Contains(pair.choice, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return mentioned.Count == 1 ? ((char)('A' + mentioned[0].index)).ToString() : null;
    }

    /// <summary>The target as a letter: a letter stays, a 0-based index (ARC's gold) becomes one, choice text is looked up.</summary>
    public static string? Letter(string? target, IReadOnlyList<string> choices)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            return null;
        }

        var trimmed = target.Trim();
        if (trimmed.Length == 1 && char.IsAsciiLetter(trimmed[0]))
        {
            return trimmed.ToUpperInvariant();
        }

        if (int.TryParse(trimmed, out var index) && index >= 0 && (choices.Count == 0 || index < choices.Count))
        {
            return ((char)('A' + index)).ToString();
        }

        var position = choices.ToList().FindIndex(choice => string.Equals(choice.Trim(), trimmed, StringComparison.OrdinalIgnoreCase));
        return position >= 0 ? ((char)('A' + position)).ToString() : null;
    }

    [GeneratedRegex(@"(?i)answer(?:\s+is)?\s*[:=]?\s*[\*\(\[]*\s*(?<l>[A-J])\b")]
    private static partial Regex Stated();

    [GeneratedRegex(@"[\(\[\*]{1,2}(?<l>[A-J])[\)\]\*]{1,2}")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"(?m)^\s*(?<l>[A-J])[\.\):]")]
    private static partial Regex LineStart();

    [GeneratedRegex(@"\b(?<l>[A-J])\b")]
    private static partial Regex Standalone();
}
