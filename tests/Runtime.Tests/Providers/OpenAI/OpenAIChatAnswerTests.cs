using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.OpenAI;

namespace ItemEval.Runtime.Tests.Providers.OpenAI;

/// <summary>Answer shapes the fake server does not send, read the way the SDK's typed models read them.</summary>
public sealed class OpenAIChatAnswerTests
{
    [Fact]
    public void Content_given_as_parts_is_joined_and_a_finish_reason_the_sdk_did_not_know_is_kept_as_sent()
    {
        var response = Read("""{"id":"c1","choices":[{"message":{"role":"assistant","content":[{"type":"text","text":"The answer "},{"type":"text","text":"is 42."}]},"finish_reason":"function_call"}]}""");

        Assert.Equal("The answer is 42.", response.Text);
        Assert.Equal("function_call", response.FinishReason);
        Assert.Equal("c1", response.ProviderRequestId);
    }

    [Fact]
    public void No_usage_and_null_content_read_as_zero_tokens_and_an_empty_answer()
    {
        var response = Read("""{"choices":[{"message":{"role":"assistant","content":null},"finish_reason":"length"}]}""");

        Assert.Equal("", response.Text);
        Assert.Equal(TokenUsage.Zero, response.Usage);
        Assert.Null(response.ProviderRequestId);
    }

    [Fact]
    public void Reasoning_tokens_are_taken_out_of_the_completion_tokens_and_cached_tokens_kept()
    {
        var response = Read("""{"choices":[{"message":{"content":"ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":100,"completion_tokens":30,"prompt_tokens_details":{"cached_tokens":64},"completion_tokens_details":{"reasoning_tokens":20}}}""");

        Assert.Equal(new TokenUsage(100, 10, 20, 64), response.Usage);
    }

    [Theory]
    [InlineData("""{"id":"c1","choices":[]}""", "the answer has no choices")]
    [InlineData("""[1, 2]""", "the answer is not a JSON object")]
    [InlineData("""{"choices":[{"finish_reason":"stop"}]}""", "the first choice has no message")]
    public void An_answer_without_a_choice_is_unreadable_and_keeps_its_body(string body, string reason)
    {
        var error = Assert.Throws<ModelCallException>(() => Read(body));

        Assert.True(error.UnreadableAnswer);
        Assert.True(error.MayHaveBeenBilled);
        Assert.Equal(body, error.RawBody);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    private static ModelResponse Read(string body) =>
        OpenAIChatAnswer.Read(BinaryData.FromString(body), LaneParameters.None, TimeSpan.FromMilliseconds(5), headers: null);
}
