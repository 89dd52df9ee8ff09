using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Runtime.Tests.Providers.Resilience;

public sealed class RequestTokenEstimatorTests
{
    [Fact]
    public void Estimate_is_a_quarter_of_the_prompt_characters_plus_the_output_allowance()
    {
        Assert.Equal(100 + 16, RequestTokenEstimator.Estimate(Requests.For(prompt: new string('x', 400), maxTokens: 16)));
        Assert.Equal(
            1 + RequestTokenEstimator.DefaultOutputTokens,
            RequestTokenEstimator.Estimate(Requests.For(prompt: "abc", maxTokens: null)));
    }

    [Fact]
    public void Actual_usage_is_input_plus_output_and_absent_when_nothing_was_reported()
    {
        Assert.Equal(50, RequestTokenEstimator.Actual(new TokenUsage(20, 30)));
        Assert.Null(RequestTokenEstimator.Actual(TokenUsage.Zero));
    }
}
