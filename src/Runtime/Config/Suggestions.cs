namespace ItemEval.Runtime.Config;

/// <summary>"Did you mean …?" by edit distance, for typos in keys and placeholders.</summary>
public static class Suggestions
{
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(candidate => (Candidate: candidate, Distance: Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant())))
            .OrderBy(pair => pair.Distance)
            .FirstOrDefault();
        return best.Candidate is not null && best.Distance <= Math.Max(2, word.Length / 3) ? best.Candidate : null;
    }

    public static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), substitution);
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
