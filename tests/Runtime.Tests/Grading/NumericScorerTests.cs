using System.Text.Json;
using ItemEval.Runtime.Grading;

namespace ItemEval.Runtime.Tests.Grading;

public sealed class NumericScorerTests
{
    private readonly NumericScorer _scorer = new();

    [Theory]
    [InlineData("The answer is 18.", "18", true)]
    [InlineData("She makes 9 * 2 = $18 every day.\n#### 18", "18", true)]
    [InlineData("Total: $1,234.00", "1234", true)]
    [InlineData("so x = \\boxed{12}, double-check 13", "12", true)]
    [InlineData("Answer: -3", "-3", true)]
    [InlineData("It needs 3/4 cup", "0.75", true)]
    [InlineData("First 5, then 7, so the answer is 8", "8", true)]
    [InlineData("The answer is 19.", "18", false)]
    [InlineData("I cannot tell.", "18", false)]
    public void Extracts_the_final_number_and_compares_it(string output, string target, bool passes)
    {
        var result = _scorer.Score(output, Items.With(target), Items.Grader("numeric"));

        Assert.Equal(passes, result.Passed);
        Assert.Equal(passes ? 1 : 0, result.Score);
    }

    [Fact]
    public void Tolerances_are_options()
    {
        Assert.True(_scorer.Score("3.14", Items.With("3.14159"), Items.Grader("numeric", ("tolerance", "0.01"))).Passed);
        Assert.False(_scorer.Score("3.14", Items.With("3.14159"), Items.Grader("numeric")).Passed);
        Assert.True(_scorer.Score("1010", Items.With("1000"), Items.Grader("numeric", ("relative_tolerance", "0.02"))).Passed);
    }

    [Fact]
    public void Every_real_gsm8k_reference_solution_grades_itself_correct()
    {
        var lines = File.ReadLines(Path.Combine(TestPaths.SharedDatasets, "gsm8k", "test.jsonl")).Take(200).ToList();

        foreach (var line in lines)
        {
            var answer = JsonDocument.Parse(line).RootElement.GetProperty("answer").GetString()!;
            var final = answer[(answer.LastIndexOf("####", StringComparison.Ordinal) + 4)..].Trim();
            Assert.True(NumericAnswer.TryExtract(answer, out var extracted), answer);
            Assert.True(NumericAnswer.TryParse(final, out var expected), final);
            Assert.Equal(expected, extracted);
            Assert.True(_scorer.Score(answer, Items.With(answer), Items.Grader("numeric")).Passed, answer);
        }

        Assert.Equal(200, lines.Count);
    }
}
