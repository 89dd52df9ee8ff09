using ItemEval.Runtime.Reporting.Judges;

namespace ItemEval.Runtime.Tests.Reporting.Judges;

public sealed class BradleyTerryTests
{
    [Fact]
    public void Two_wins_to_one_give_odds_of_two_to_one()
    {
        // MLE: p_a / p_b = W_a / W_b = 2; with geometric mean 1, p_a = √2 and p_b = 1/√2.
        var strength = BradleyTerry.Fit(["a", "b"], [Win("a", "b", "a"), Win("a", "b", "a"), Win("a", "b", "b")]);

        Assert.Equal(Math.Sqrt(2), strength["a"], 9);
        Assert.Equal(1 / Math.Sqrt(2), strength["b"], 9);
    }

    [Fact]
    public void A_tie_counts_half_a_win_for_each_side()
    {
        // a: 1 win + ½ = 1.5, b: ½; odds 3, so p_a = √3.
        var strength = BradleyTerry.Fit(["a", "b"], [Win("a", "b", "a"), Win("a", "b", null)]);

        Assert.Equal(Math.Sqrt(3), strength["a"], 9);
        Assert.Equal(1 / Math.Sqrt(3), strength["b"], 9);
    }

    [Fact]
    public void Three_conditions_match_the_hand_solved_fixed_point()
    {
        // a beats b and c 2–1 each; b and c split two games. By symmetry p_b = p_c. For a: W_a = 4 = 6·p_a / (p_a + p_b),
        // so p_b = p_a / 2 (b's own equation agrees: 2 = p_b · (3/(1.5 p_a) + 2/(2 p_b))). Geometric mean 1:
        // p_a·p_b·p_c = 2·p_b³ = 1, so p_b = p_c = 2^(-1/3) and p_a = 2^(2/3).
        var strength = BradleyTerry.Fit(
            ["a", "b", "c"],
            [Win("a", "b", "a"), Win("a", "b", "a"), Win("a", "b", "b"), Win("a", "c", "a"), Win("a", "c", "a"), Win("a", "c", "c"), Win("b", "c", "b"), Win("b", "c", "c")]);

        Assert.Equal(Math.Pow(2, 2.0 / 3), strength["a"], 6);
        Assert.Equal(Math.Pow(2, -1.0 / 3), strength["b"], 6);
        Assert.Equal(Math.Pow(2, -1.0 / 3), strength["c"], 6);
    }

    [Fact]
    public void The_bootstrap_ranking_is_the_same_on_every_export_and_brackets_the_estimate()
    {
        var comparisons = Enumerable.Range(0, 20).Select(i => new PairComparison("j", $"q{i}", 0, "a", "b", i % 3 == 0 ? "b" : "a", false)).ToList();

        var first = BootstrapRanking.Rank(["a", "b"], comparisons);
        var second = BootstrapRanking.Rank(["a", "b"], comparisons);

        Assert.Equal(first, second);
        Assert.Equal(["a", "b"], first.Select(ranked => ranked.Condition));
        Assert.All(first, ranked => Assert.InRange(ranked.Strength, ranked.Low!.Value, ranked.High!.Value));
        Assert.True(first[0].Low < first[0].High);
    }

    private static PairComparison Win(string first, string second, string? winner) => new("j", Guid.NewGuid().ToString(), 0, first, second, winner, false);
}
