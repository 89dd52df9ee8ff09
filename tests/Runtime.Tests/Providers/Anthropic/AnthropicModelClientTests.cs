using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Anthropic;

namespace ItemEval.Runtime.Tests.Providers.Anthropic;

/// <summary>The real Anthropic SDK client against the fake server's messages endpoint.</summary>
public sealed class AnthropicModelClientTests : FakeServerTest
{
    [Fact]
    public async Task Sends_temperature_through_raw_json_and_reads_usage_with_cache_counts()
    {
        using var client = Client();

        var response = await client.CompleteAsync(Requests.Ask("anthropic/claude-haiku-4-5", new LaneParameters(Temperature: 0.3, TopP: 0.8, MaxTokens: 500)), CancellationToken.None);

        var recorded = Assert.Single(Server.Requests);
        Assert.Equal(0.3, (double)recorded.Body["temperature"]!, 3);
        Assert.Equal(0.8, (double)recorded.Body["top_p"]!, 3);
        Assert.Equal(500, (int)recorded.Body["max_tokens"]!);
        Assert.Equal("Be brief.", (string)recorded.Body["system"]!);
        // SDK 13.x sends the API key as a bearer token (its documented behaviour) along with anthropic-version.
        Assert.Equal("Bearer test-key", recorded.Headers["authorization"]);
        Assert.True(recorded.Headers.ContainsKey("anthropic-version"));
        Assert.Equal("The answer is 42.", response.Text);
        Assert.Equal("end_turn", response.FinishReason);
        Assert.Equal(new TokenUsage(11, 9, 0, 5, 2), response.Usage);
        Assert.Equal("req_fake1", response.ProviderRequestId);
    }

    [Fact]
    public async Task Extended_thinking_sends_the_budget_drops_temperature_and_keeps_thinking_out_of_the_answer()
    {
        using var client = Client();

        var response = await client.CompleteAsync(Requests.Ask("anthropic/claude-sonnet-4-5", new LaneParameters(Temperature: 0.5, MaxTokens: 4096, ThinkingBudget: 2048)), CancellationToken.None);

        var body = Assert.Single(Server.Requests).Body;
        Assert.Equal("enabled", (string)body["thinking"]!["type"]!);
        Assert.Equal(2048, (int)body["thinking"]!["budget_tokens"]!);
        Assert.False(body.ContainsKey("temperature"));
        Assert.Equal("The answer is 42.", response.Text);
    }

    [Fact]
    public async Task Overloaded_529_is_transient_and_carries_retry_after()
    {
        using var client = Client();
        Server.Behavior.FailNext(1, 529, TimeSpan.FromSeconds(3));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.CompleteAsync(Requests.Ask("anthropic/claude-haiku-4-5", LaneParameters.None), CancellationToken.None));

        Assert.Equal(529, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(3), error.RateLimits!.RetryAfter);
        Assert.Equal(1, Server.RequestCount);
    }

    [Fact]
    public async Task A_bad_request_is_final_with_the_providers_message()
    {
        using var client = Client();
        Server.Behavior.FailNext(1, 400);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.CompleteAsync(Requests.Ask("anthropic/claude-haiku-4-5", LaneParameters.None), CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Contains("processing your request", error.Message, StringComparison.Ordinal);
    }

    private AnthropicModelClient Client() => new("claude-haiku-4-5", Server.BaseUrl, "test-key");
}
