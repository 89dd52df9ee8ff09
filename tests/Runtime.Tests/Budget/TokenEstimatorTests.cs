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

    [Theory]
    [InlineData("openai/gpt-4o-mini", "o200k_base tokenizer")]
    [InlineData("openai/gpt-5", "o200k_base tokenizer")]
    [InlineData("openai/o3-mini", "o200k_base tokenizer")]
    [InlineData("openai/gpt-4-turbo", "cl100k_base tokenizer")]
    [InlineData("openai/gpt-3.5-turbo", "cl100k_base tokenizer")]
    [InlineData("openrouter/openai/gpt-4o", "o200k_base tokenizer")]
    [InlineData("anthropic/claude-haiku-4-5", "4.00 chars/token (default for English)")]
    [InlineData("google/gemini-2.5-flash", "4.00 chars/token (default for English)")]
    public void OpenAI_prompts_are_counted_with_their_own_tokenizer_and_others_in_characters(string model, string method)
    {
        Assert.Equal(method, TokenEstimator.MethodFor(model));
    }

    [Fact]
    public void A_message_is_its_tokens_plus_the_chat_framing()
    {
        // "Hello, world!" is Hello | , | world | ! in both OpenAI encodings; 13 characters are 4 tokens at 4 a token.
        Assert.Equal(4 + TokenEstimator.TokensPerMessage, TokenEstimator.Count("openai/gpt-4o-mini", "Hello, world!"));
        Assert.Equal(4 + TokenEstimator.TokensPerMessage, TokenEstimator.Count("openai/gpt-4", "Hello, world!"));
        Assert.Equal(4 + TokenEstimator.TokensPerMessage, TokenEstimator.Count("anthropic/claude-haiku-4-5", "Hello, world!"));
        Assert.Equal(7 + TokenEstimator.TokensPerMessage, TokenEstimator.Count("anthropic/claude-haiku-4-5", "Hello, world!", charsPerToken: 2.0));
    }

    [Fact]
    public void The_tokenizer_sees_what_four_characters_a_token_cannot()
    {
        var digits = string.Concat(Enumerable.Range(0, 200).Select(i => (i * 7919 % 1000).ToString(System.Globalization.CultureInfo.InvariantCulture) + " "));

        // Numbers split into 1-3 digit tokens, so a list of them is denser than English prose.
        Assert.True(TokenEstimator.Count("openai/gpt-4o", digits) > TokenEstimator.Count("google/gemini-2.5-flash", digits));
    }
}
