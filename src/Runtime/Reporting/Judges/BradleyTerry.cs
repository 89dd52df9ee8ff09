namespace ItemEval.Runtime.Reporting.Judges;

/// <summary>
/// Bradley-Terry strengths by Hunter's (2004) MM iteration, a tie counted as half a win for each side:
/// p_i ← W_i / Σ_j n_ij / (p_i + p_j), normalised to a geometric mean of 1 (so 1 is an average condition and
/// p_i / p_j is the odds that i beats j). A condition that never wins tends to 0.
/// </summary>
public static class BradleyTerry
{
    private const int MaxIterations = 10_000;
    private const double Tolerance = 1e-10;

    public static IReadOnlyDictionary<string, double> Fit(IReadOnlyList<string> conditions, IEnumerable<PairComparison> comparisons)
    {
        var index = conditions.Select((condition, i) => (condition, i)).ToDictionary(pair => pair.condition, pair => pair.i, StringComparer.Ordinal);
        var n = conditions.Count;
        var wins = new double[n];
        var games = new double[n, n];
        foreach (var comparison in comparisons)
        {
            var (a, b) = (index[comparison.First], index[comparison.Second]);
            games[a, b]++;
            games[b, a]++;
            if (comparison.Winner is null)
            {
                wins[a] += 0.5;
                wins[b] += 0.5;
            }
            else
            {
                wins[index[comparison.Winner]]++;
            }
        }

        var strength = Enumerable.Repeat(1.0, n).ToArray();
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var next = new double[n];
            for (var i = 0; i < n; i++)
            {
                var denominator = 0.0;
                for (var j = 0; j < n; j++)
                {
                    denominator += j == i || games[i, j] == 0 ? 0 : games[i, j] / (strength[i] + strength[j]);
                }

                next[i] = denominator == 0 ? strength[i] : wins[i] / denominator;
            }

            Normalize(next);
            var change = next.Zip(strength, (x, y) => Math.Abs(x - y)).Max();
            strength = next;
            if (change < Tolerance)
            {
                break;
            }
        }

        return conditions.ToDictionary(condition => condition, condition => strength[index[condition]], StringComparer.Ordinal);
    }

    /// <summary>Geometric mean 1 over the conditions with a positive strength (a zero stays zero).</summary>
    private static void Normalize(double[] strength)
    {
        var positive = strength.Where(value => value > 0).ToList();
        if (positive.Count == 0)
        {
            return;
        }

        var scale = Math.Exp(positive.Average(Math.Log));
        for (var i = 0; i < strength.Length; i++)
        {
            strength[i] /= scale;
        }
    }
}
