using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.OpenAI;

namespace ItemEval.Runtime.Tests.Providers.OpenAI;

/// <summary>The real OpenAI SDK client against the fake server's chat-completions endpoint.</summary>
public sealed class OpenAIModelClientTests : FakeServerTest
{
    [Fact]
    public async Task Sends_lane_parameters_and_reads_text_usage_finish_reason_id_and_limits()
    {
        Server.Behavior.RequestsPerMinute = 500;
        var client = Client("gpt-4o-mini");

        var response = await client.CompleteAsync(Requests.Ask("openai/gpt-4o-mini", new LaneParameters(Temperature: 0.6, TopP: 0.9, MaxTokens: 300, Seed: 7)), CancellationToken.None);

        var body = Assert.Single(Server.Requests).Body;
        Assert.Equal(0.6, (double)body["temperature"]!, 3);
        Assert.Equal(300, (int)body["max_completion_tokens"]!);
        Assert.Null(body["max_tokens"]);
        Assert.Equal(7, (int)body["seed"]!);
        Assert.Null(body["reasoning_effort"]);
        Assert.Equal("system", (string)body["messages"]![0]!["role"]!);
        Assert.Equal("The answer is 42.", response.Text);
        Assert.Equal("stop", response.FinishReason);
        Assert.Equal(new TokenUsage(12, 7, 3, 4), response.Usage);
        Assert.Equal("chatcmpl-fake1", response.ProviderRequestId);
        Assert.Equal(500, response.RateLimits!.LimitRequests);
        Assert.Equal((499, TimeSpan.FromMinutes(1)), (response.RateLimits.RemainingRequests, response.RateLimits.ResetRequests)); // whole again when this request leaves the minute
    }

    [Theory]
    [InlineData("o3-mini")]
    [InlineData("gpt-5-mini")]
    public async Task Reasoning_models_never_receive_temperature_but_get_reasoning_effort(string model)
    {
        var response = await Client(model).CompleteAsync(Requests.Ask($"openai/{model}", new LaneParameters(Temperature: 0.7, TopP: 0.5, MaxTokens: 2000, ReasoningEffort: "low")), CancellationToken.None);

        var body = Assert.Single(Server.Requests).Body;
        Assert.False(body.ContainsKey("temperature"));
        Assert.False(body.ContainsKey("top_p"));
        Assert.Equal("low", (string)body["reasoning_effort"]!);
        Assert.Equal(2000, (int)body["max_completion_tokens"]!);
        Assert.Null(response.EffectiveParameters!.Temperature);
        Assert.Equal("low", response.EffectiveParameters.ReasoningEffort);
    }

    [Fact]
    public async Task A_429_is_transient_with_its_retry_after_and_the_sdk_does_not_retry_it()
    {
        Server.Behavior.FailNext(1, 429, TimeSpan.FromSeconds(7));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Client("gpt-4o-mini").CompleteAsync(Requests.Ask("openai/gpt-4o-mini", LaneParameters.None), CancellationToken.None));

        Assert.Equal(429, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RateLimits!.RetryAfter);
        Assert.Equal(1, Server.RequestCount);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    public async Task Status_codes_map_to_transient_or_final_errors(int status, bool transient)
    {
        Server.Behavior.FailNext(1, status);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Client("gpt-4o-mini").CompleteAsync(Requests.Ask("openai/gpt-4o-mini", LaneParameters.None), CancellationToken.None));

        Assert.Equal((status, transient), (error.StatusCode!.Value, error.IsTransient));
        Assert.Contains("error", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Malformed_json_and_timeouts_are_transient_failures()
    {
        Server.Behavior.MalformedNext();
        var malformed = await Assert.ThrowsAsync<ModelCallException>(() => Client("gpt-4o-mini").CompleteAsync(Requests.Ask("openai/gpt-4o-mini", LaneParameters.None), CancellationToken.None));

        Server.Behavior.HangNext();
        var timedOut = await Assert.ThrowsAsync<ModelCallException>(() => Client("gpt-4o-mini", TimeSpan.FromMilliseconds(300)).CompleteAsync(Requests.Ask("openai/gpt-4o-mini", LaneParameters.None), CancellationToken.None));

        Assert.True(malformed.IsTransient);
        Assert.True(timedOut.IsTransient);
        Assert.Contains("timed out", timedOut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_answer_that_hit_the_cap_reports_length()
    {
        Server.Behavior.EmptyNext();

        var response = await Client("o4-mini").CompleteAsync(Requests.Ask("openai/o4-mini", new LaneParameters(MaxTokens: 64)), CancellationToken.None);

        Assert.Equal("", response.Text);
        Assert.Equal("length", response.FinishReason);
        Assert.Equal(64, response.Usage.ReasoningTokens);
    }

    private OpenAIModelClient Client(string model, TimeSpan? timeout = null) => new("openai", model, Server.BaseUrl + "/v1", "test-key", timeout);
}
