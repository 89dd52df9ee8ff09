using ItemEval.Runtime.Grading;

namespace ItemEval.Runtime.Tests.Grading;

public sealed class MultipleChoiceScorerTests
{
    private readonly MultipleChoiceScorer _scorer = new();

    [Theory]
    [InlineData("The answer is B.", "B", true)]
    [InlineData("Answer: (C)", "C", true)]
    [InlineData("I think **D** is right", "D", true)]
    [InlineData("A seems plausible, but the answer is B", "B", true)]
    [InlineData("B. Mercury", "B", true)]
    [InlineData("Mercury", "B", true)]
    [InlineData("The answer is A.", "B", false)]
    [InlineData("no idea", "B", false)]
    public void Finds_the_chosen_letter(string output, string target, bool passes)
    {
        Assert.Equal(passes, _scorer.Score(output, Items.With(target, "Venus", "Mercury", "Mars", "Earth"), Items.Grader("multiple_choice")).Passed);
    }

    [Theory]
    [InlineData("1", "B")]
    [InlineData("Mercury", "B")]
    [InlineData("b", "B")]
    public void Targets_may_be_indexes_or_choice_text(string target, string letter)
    {
        Assert.Equal(letter, ChoiceAnswer.Letter(target, ["Venus", "Mercury", "Mars", "Earth"]));
        Assert.True(_scorer.Score($"The answer is {letter}", Items.With(target, "Venus", "Mercury", "Mars", "Earth"), Items.Grader("multiple_choice")).Passed);
    }
}
