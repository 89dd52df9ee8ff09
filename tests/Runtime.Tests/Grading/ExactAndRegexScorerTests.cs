using ItemEval.Runtime.Grading;

namespace ItemEval.Runtime.Tests.Grading;

public sealed class ExactAndRegexScorerTests
{
    [Theory]
    [InlineData("  Paris. ", "paris", true)]
    [InlineData("Paris\n", "Paris", true)]
    [InlineData("Paris, France", "Paris", false)]
    public void Exact_folds_whitespace_punctuation_and_case(string output, string target, bool passes)
    {
        Assert.Equal(passes, new ExactScorer().Score(output, Items.With(target), Items.Grader("exact")).Passed);
    }

    [Fact]
    public void Exact_can_be_case_sensitive()
    {
        Assert.False(new ExactScorer().Score("paris", Items.With("Paris"), Items.Grader("exact", ("case_sensitive", "true"))).Passed);
    }

    [Fact]
    public void Regex_passes_on_a_match_and_compares_an_answer_group_with_the_target()
    {
        var scorer = new RegexScorer();

        Assert.True(scorer.Score("def f(): return 1", Items.With(null), Items.Grader("regex", ("pattern", @"def \w+\("))).Passed);
        var grouped = Items.Grader("regex", ("pattern", @"FINAL:\s*(?<answer>\w+)"));
        Assert.True(scorer.Score("FINAL: yes", Items.With("Yes"), grouped).Passed);
        Assert.False(scorer.Score("FINAL: no", Items.With("Yes"), grouped).Passed);
        Assert.Equal("no", scorer.Score("FINAL: no", Items.With("Yes"), grouped).Extracted);
    }

    [Fact]
    public void The_registry_knows_each_type()
    {
        Assert.Equal(["compliance", "exact", "multiple_choice", "numeric", "pairwise", "regex", "rubric"], GraderRegistry.Default.Types.Order());
        Assert.IsType<NumericScorer>(Assert.IsType<ScorerGrader>(GraderRegistry.Default.Get("NUMERIC")).Scorer);
        Assert.Throws<ArgumentException>(() => GraderRegistry.Default.Get("judge"));
    }
}
