namespace ItemEval.Runtime.Reporting.Judges;

/// <summary>
/// A Bradley-Terry ranking with 95% percentile intervals from resampling items (all of an item's comparisons go
/// together). Seeded, so the same store always exports the same intervals.
/// </summary>
public static class BootstrapRanking
{
    public const int Resamples = 200;
    public const int Seed = 12_345;

    public static IReadOnlyList<RankedCondition> Rank(IReadOnlyList<string> conditions, IReadOnlyList<PairComparison> comparisons, int resamples = Resamples, int seed = Seed)
    {
        var fitted = BradleyTerry.Fit(conditions, comparisons);
        var byItem = comparisons.GroupBy(comparison => comparison.ItemUid, StringComparer.Ordinal).Select(group => group.ToList()).ToList();
        var draws = conditions.ToDictionary(condition => condition, _ => new List<double>(resamples), StringComparer.Ordinal);
        var random = new Random(seed);
        for (var r = 0; r < resamples && byItem.Count > 0; r++)
        {
            var sample = Enumerable.Range(0, byItem.Count).SelectMany(_ => byItem[random.Next(byItem.Count)]).ToList();
            foreach (var (condition, strength) in BradleyTerry.Fit(conditions, sample))
            {
                draws[condition].Add(strength);
            }
        }

        var ordered = conditions.OrderByDescending(condition => fitted[condition]).ThenBy(condition => condition, StringComparer.Ordinal).ToList();
        return ordered.Select(condition => new RankedCondition(
                Rank(fitted, condition),
                condition,
                fitted[condition],
                Percentile(draws[condition], 0.025),
                Percentile(draws[condition], 0.975)))
            .ToList();
    }

    /// <summary>Competition ranking ("1, 1, 3"): conditions whose strengths are equal to 1e-6 share a rank.</summary>
    private static int Rank(IReadOnlyDictionary<string, double> fitted, string condition) =>
        1 + fitted.Values.Count(other => other > fitted[condition] + 1e-6);

    private static double? Percentile(List<double> values, double share)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        return sorted[(int)Math.Round(share * (sorted.Count - 1))];
    }
}
