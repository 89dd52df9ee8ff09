namespace ItemEval.Runtime.Reporting.Judges;

/// <summary>
/// Chance-corrected agreement between judges on nominal verdicts: Cohen's kappa for two, Krippendorff's alpha
/// (nominal, any number of judges, missing verdicts allowed) for more. Both are null when chance agreement is
/// already complete (every verdict the same), where they are undefined.
/// </summary>
public static class Agreement
{
    /// <summary>κ = (p_o − p_e) / (1 − p_e) over the units both judges gave a verdict for.</summary>
    public static double? CohensKappa(IReadOnlyList<(string A, string B)> pairs)
    {
        if (pairs.Count == 0)
        {
            return null;
        }

        double n = pairs.Count;
        var observed = pairs.Count(pair => pair.A == pair.B) / n;
        var expected = pairs.Select(pair => pair.A).Concat(pairs.Select(pair => pair.B)).Distinct(StringComparer.Ordinal)
            .Sum(category => pairs.Count(pair => pair.A == category) / n * (pairs.Count(pair => pair.B == category) / n));
        return expected >= 1 ? null : (observed - expected) / (1 - expected);
    }

    /// <summary>
    /// α = 1 − (n − 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k, with o the coincidence matrix over units holding two or more
    /// verdicts (Krippendorff 2011, nominal metric).
    /// </summary>
    public static double? KrippendorffAlpha(IReadOnlyList<IReadOnlyList<string>> units)
    {
        var coincidences = new Dictionary<(string, string), double>();
        foreach (var unit in units.Where(unit => unit.Count >= 2))
        {
            for (var i = 0; i < unit.Count; i++)
            {
                for (var j = 0; j < unit.Count; j++)
                {
                    if (i != j)
                    {
                        coincidences[(unit[i], unit[j])] = coincidences.GetValueOrDefault((unit[i], unit[j])) + (1.0 / (unit.Count - 1));
                    }
                }
            }
        }

        var totals = coincidences.GroupBy(pair => pair.Key.Item1).ToDictionary(group => group.Key, group => group.Sum(pair => pair.Value));
        var n = totals.Values.Sum();
        var disagreement = coincidences.Where(pair => pair.Key.Item1 != pair.Key.Item2).Sum(pair => pair.Value);
        var chance = totals.SelectMany(c => totals.Where(k => k.Key != c.Key).Select(k => c.Value * k.Value)).Sum();
        return chance == 0 ? null : 1 - ((n - 1) * disagreement / chance);
    }
}
