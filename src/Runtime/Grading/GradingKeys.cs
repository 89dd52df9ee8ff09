using ItemEval.Runtime.Config;
using ItemEval.Runtime.Hashing;

namespace ItemEval.Runtime.Grading;

/// <summary>
/// A grading's key hashes the solution's key, the grader and its configuration: editing one grader re-grades for it
/// only, and a new grader grades without touching the others.
/// </summary>
public static class GradingKeys
{
    public static string For(string cellKey, GraderConfig grader) =>
        ContentHash.Of(new GradingKeyParts(
            cellKey,
            grader.Name,
            grader.Type,
            grader.Scheme,
            grader.Options.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}").ToList()));

    private sealed record GradingKeyParts(string Cell, string Grader, string Type, string? Scheme, List<string> Options);
}
