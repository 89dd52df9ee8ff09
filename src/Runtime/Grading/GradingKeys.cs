using ItemEval.Runtime.Config;
using ItemEval.Runtime.Hashing;

namespace ItemEval.Runtime.Grading;

/// <summary>
/// A grading's key hashes the solution's key, the grader and its configuration: editing one grader re-grades for it
/// only, and a new grader grades without touching the others.
/// </summary>
public static class GradingKeys
{
    /// <param name="judgePrompt">A judge's prompt hash (template, rubric, statement); null for a scorer.</param>
    /// <param name="secondCellKey">Pairwise: the solution in the second position.</param>
    public static string For(string cellKey, GraderConfig grader, string? judgePrompt = null, string? secondCellKey = null) =>
        ContentHash.Of(Parts(cellKey, grader, judgePrompt, secondCellKey));

    /// <summary>
    /// <see cref="For"/> of one per-solution grader over many cells: the same keys, the grader's part serialized once
    /// (<see cref="GradingKeyTemplate"/>), each cell's key computed in full only when the template cannot hold it.
    /// </summary>
    public static Func<string, string> ForCells(GraderConfig grader, string? judgePrompt = null)
    {
        var template = GradingKeyTemplate.TryCreate(Parts(GradingKeyTemplate.CellSentinel, grader, judgePrompt, null));
        return cellKey => template?.Key(cellKey) ?? For(cellKey, grader, judgePrompt);
    }

    private static GradingKeyParts Parts(string cellKey, GraderConfig grader, string? judgePrompt, string? secondCellKey) =>
        new(
            cellKey,
            grader.Name,
            grader.Type,
            grader.Scheme,
            grader.Options.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}").ToList(),
            grader.Judge is { } judge ? new JudgeKeyParts(judge.Model.Id, Providers.TransportOptions.Without(judge.Model.Options).Select(pair => $"{pair.Key}={pair.Value}").ToList(), judge.Lane, judgePrompt, secondCellKey) : null);

    /// <summary>
    /// What a grader contributes to its gradings' keys (everything but the solutions): while it stays the same, a planned
    /// grading's key stands, so Grade hashes only the solutions new to its plan.
    /// </summary>
    public static string OfGrader(GraderConfig grader, string? judgePrompt = null) => For("", grader, judgePrompt);

    // Null parts are left out of the hash (ContentHash), so a scorer's key is what it was before judges existed.
    private sealed record GradingKeyParts(string Cell, string Grader, string Type, string? Scheme, List<string> Options, JudgeKeyParts? Judge);

    private sealed record JudgeKeyParts(string Model, List<string> ModelOptions, LaneParameters Lane, string? Prompt, string? SecondCell);
}
