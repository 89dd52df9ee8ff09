using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Tests.Providers.Resilience;

namespace ItemEval.Runtime.Tests.Budget;

public sealed class TokenEstimatorTests
{
    [Fact]
    public void A_request_is_a_quarter_of_the_prompt_characters_plus_the_output_allowance()
    {
        Assert.Equal(100 + 16, TokenEstimator.ForRequest(Requests.For(prompt: new string('x', 400), maxTokens: 16)));
        Assert.Equal(
            1 + TokenEstimator.DefaultOutputTokens,
            TokenEstimator.ForRequest(Requests.For(prompt: "abc", maxTokens: null)));
    }

    [Fact]
    public void The_budget_and_the_rate_limiter_count_a_prompt_alike()
    {
        var prompt = new string('x', 401);

        Assert.Equal(TokenEstimator.FromChars(prompt.Length) + 16, TokenEstimator.ForRequest(Requests.For(prompt: prompt, maxTokens: 16)));
    }

    [Fact]
    public void Actual_usage_is_input_plus_output_and_absent_when_nothing_was_reported()
    {
        Assert.Equal(50, TokenEstimator.Actual(new TokenUsage(20, 30)));
        Assert.Null(TokenEstimator.Actual(TokenUsage.Zero));
    }
}
