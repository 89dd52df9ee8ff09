using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Runtime.Tests.Providers.Resilience;

public sealed class RateLimitSettingsTests
{
    [Theory]
    [InlineData("mock/always-right", null)]
    [InlineData("openai/gpt-4.1-mini", 8)]
    [InlineData("anthropic/claude-sonnet-4", 8)]
    [InlineData("ollama/llama3", 2)]
    public void Defaults_leave_mock_models_unlimited_and_cap_concurrency_elsewhere(string model, int? concurrency)
    {
        var settings = RateLimitSettings.DefaultFor(model);

        Assert.Equal(new RateLimitSettings(concurrency, null, null), settings);
    }

    [Fact]
    public void A_limit_below_one_is_refused_when_the_model_is_first_used()
    {
        using var limiter = new ProviderRateLimiter(_ => new RateLimitSettings(8, 0, null));

        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => limiter.GetSnapshot(Requests.Model));
        Assert.Equal("RequestsPerMinute", refused.ParamName);
    }
}
