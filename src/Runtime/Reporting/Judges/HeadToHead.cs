namespace ItemEval.Runtime.Reporting.Judges;

/// <summary>Win / tie / loss of one condition against another under one pairwise judge (combined over both orders).</summary>
public sealed record HeadToHead(string Grader, string Condition, string Opponent, int Wins, int Ties, int Losses, int Inconsistent)
{
    /// <summary>Every ordered pair of conditions that met, both ways round.</summary>
    public static IReadOnlyList<HeadToHead> For(IReadOnlyList<PairComparison> comparisons) =>
        comparisons
            .SelectMany(comparison => new[] { (comparison, us: comparison.First, them: comparison.Second), (comparison, us: comparison.Second, them: comparison.First) })
            .GroupBy(side => (side.comparison.Grader, side.us, side.them))
            .Select(group => new HeadToHead(
                group.Key.Grader,
                group.Key.us,
                group.Key.them,
                group.Count(side => side.comparison.Winner == side.us),
                group.Count(side => side.comparison.Winner is null),
                group.Count(side => side.comparison.Winner == side.them),
                group.Count(side => side.comparison.Inconsistent)))
            .OrderBy(row => row.Grader, StringComparer.Ordinal).ThenBy(row => row.Condition, StringComparer.Ordinal).ThenBy(row => row.Opponent, StringComparer.Ordinal)
            .ToList();
}
