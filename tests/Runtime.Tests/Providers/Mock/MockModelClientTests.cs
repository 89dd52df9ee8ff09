using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Grading;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Mock;

namespace ItemEval.Runtime.Tests.Providers.Mock;

public sealed class MockModelClientTests
{
    private readonly MockModelClient _client = new();

    [Fact]
    public async Task The_same_request_gets_the_same_answer_and_fabricated_usage()
    {
        var request = Request("mock/a", 0.7, "What is 2+2?", "4", epoch: 1);

        var first = await _client.CompleteAsync(request, CancellationToken.None);
        var again = await _client.CompleteAsync(request, CancellationToken.None);

        Assert.Equal(first.Text, again.Text);
        Assert.True(first.Usage.InputTokens > 0);
        Assert.True(first.Usage.OutputTokens > 0);
        Assert.Equal("stop", first.FinishReason);
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(0.3)]
    public async Task Accuracy_is_close_to_the_setting(double accuracy)
    {
        var scorer = new NumericScorer();
        var grader = new GraderConfig("n", "numeric", null, new Dictionary<string, string>(), SourceLocation.Start("s"));
        var correct = 0;
        for (var i = 0; i < 200; i++)
        {
            var response = await _client.CompleteAsync(Request("mock/m", accuracy, $"What is {i} + 1?", $"{i + 1}", epoch: 1), CancellationToken.None);
            var item = new Item("d", $"{i}", "q", $"{i + 1}", [], "numeric", new Dictionary<string, string>(), "h");
            correct += scorer.Score(response.Text, item, grader).Passed ? 1 : 0;
        }

        Assert.InRange(correct / 200.0, accuracy - 0.1, accuracy + 0.1);
    }

    [Fact]
    public async Task Error_and_empty_rates_are_simulated()
    {
        var errors = 0;
        var empties = 0;
        for (var i = 0; i < 100; i++)
        {
            var options = new Dictionary<string, string> { ["error_rate"] = "0.3", ["empty_rate"] = "0.3" };
            var request = new ModelRequest("mock/m", [new ChatMessage("user", $"q{i}")], LaneParameters.None, 1, options, "1");
            try
            {
                empties += (await _client.CompleteAsync(request, CancellationToken.None)).Text.Length == 0 ? 1 : 0;
            }
            catch (ModelCallException)
            {
                errors++;
            }
        }

        Assert.InRange(errors, 15, 45);
        Assert.InRange(empties, 10, 40);
    }

    private static ModelRequest Request(string model, double accuracy, string question, string target, int epoch) =>
        new(model, [new ChatMessage("user", question)], new LaneParameters(Temperature: 0.8), epoch,
            new Dictionary<string, string> { ["accuracy"] = accuracy.ToString(System.Globalization.CultureInfo.InvariantCulture) }, target);
}
