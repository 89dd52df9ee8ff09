using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Google;

namespace ItemEval.Runtime.Tests.Providers.Google;

/// <summary>The REST Gemini client against the fake server's generateContent endpoint.</summary>
public sealed class GeminiModelClientTests : FakeServerTest
{
    [Fact]
    public async Task Sends_the_generation_config_with_the_key_in_a_header_and_reads_usage()
    {
        using var client = new GeminiModelClient("gemini-2.5-flash", Server.BaseUrl, "test-key");

        var response = await client.CompleteAsync(Requests.Ask("google/gemini-2.5-flash", new LaneParameters(Temperature: 0.2, MaxTokens: 256, Seed: 3, ThinkingBudget: 1024)), CancellationToken.None);

        var recorded = Assert.Single(Server.Requests);
        Assert.Equal("/v1beta/models/gemini-2.5-flash:generateContent", recorded.Path);
        Assert.Equal("test-key", recorded.Headers["x-goog-api-key"]);
        Assert.DoesNotContain("test-key", recorded.Path, StringComparison.Ordinal);
        var config = recorded.Body["generationConfig"]!;
        Assert.Equal(0.2, (double)config["temperature"]!, 3);
        Assert.Equal(256, (int)config["maxOutputTokens"]!);
        Assert.Equal(1024, (int)config["thinkingConfig"]!["thinkingBudget"]!);
        Assert.Equal("Be brief.", (string)recorded.Body["systemInstruction"]!["parts"]![0]!["text"]!);
        Assert.Equal("The answer is 42.", response.Text);
        Assert.Equal("stop", response.FinishReason);
        Assert.Equal(new TokenUsage(10, 6, 4, 3), response.Usage);
        Assert.Equal("resp-fake1", response.ProviderRequestId);
    }

    [Fact]
    public async Task Errors_map_to_transient_or_final()
    {
        using var client = new GeminiModelClient("gemini-2.5-flash", Server.BaseUrl, "test-key");
        Server.Behavior.FailNext(1, 429, TimeSpan.FromSeconds(2));
        Server.Behavior.FailNext(1, 400);

        var limited = await Assert.ThrowsAsync<ModelCallException>(() => client.CompleteAsync(Requests.Ask("google/gemini-2.5-flash", LaneParameters.None), CancellationToken.None));
        var rejected = await Assert.ThrowsAsync<ModelCallException>(() => client.CompleteAsync(Requests.Ask("google/gemini-2.5-flash", LaneParameters.None), CancellationToken.None));

        Assert.True(limited.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(2), limited.RateLimits!.RetryAfter);
        Assert.False(rejected.IsTransient);
        Assert.Contains("processing your request", rejected.Message, StringComparison.Ordinal);
    }
}
