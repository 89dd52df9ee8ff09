using ItemEval.Runtime.Reporting.Judges;

namespace ItemEval.Runtime.Tests.Reporting.Judges;

public sealed class AgreementTests
{
    [Fact]
    public void Cohens_kappa_of_a_two_by_two_table_matches_the_hand_computed_value()
    {
        // 4 yes/yes, 3 no/no, 2 yes/no, 1 no/yes: p_o = 0.7; p_e = 0.6·0.5 + 0.4·0.5 = 0.5; κ = 0.2 / 0.5 = 0.4.
        var pairs = Repeat(("yes", "yes"), 4).Concat(Repeat(("no", "no"), 3)).Concat(Repeat(("yes", "no"), 2)).Concat(Repeat(("no", "yes"), 1)).ToList();

        Assert.Equal(0.4, Agreement.CohensKappa(pairs)!.Value, 12);
    }

    [Fact]
    public void Kappa_is_undefined_when_both_judges_always_say_the_same_thing()
    {
        Assert.Null(Agreement.CohensKappa([("pass", "pass"), ("pass", "pass")]));
    }

    [Fact]
    public void Krippendorffs_alpha_matches_the_coincidence_matrix_worked_by_hand()
    {
        // Units [a,a,a] and [a,a,b]: o_aa = 3 + 1, o_ab = o_ba = 1; n_a = 5, n_b = 1, n = 6;
        // α = 1 − (n−1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k = 1 − 5·2 / 10 = 0.
        Assert.Equal(0.0, Agreement.KrippendorffAlpha([["a", "a", "a"], ["a", "a", "b"]])!.Value, 12);

        // Units [a,b], [a,a], [b,b] with a missing third verdict in the first: o_ab = o_ba = 1, o_aa = 2, o_bb = 2;
        // n_a = n_b = 3, n = 6; α = 1 − 5·2 / 18 = 4/9.
        Assert.Equal(4.0 / 9, Agreement.KrippendorffAlpha([["a", "b"], ["a", "a"], ["b", "b"]])!.Value, 12);
    }

    private static IEnumerable<(string, string)> Repeat((string, string) pair, int count) => Enumerable.Repeat(pair, count);
}
