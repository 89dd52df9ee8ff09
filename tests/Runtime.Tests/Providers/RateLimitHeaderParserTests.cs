using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Tests.Providers;

public sealed class RateLimitHeaderParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("1s", 1000)]
    [InlineData("6m0s", 360_000)]
    [InlineData("120ms", 120)]
    [InlineData("1h2m3.5s", 3_723_500)]
    public void Reads_openai_durations(string text, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), RateLimitHeaderParser.Duration(text));
    }

    [Fact]
    public void Normalises_openai_and_anthropic_headers()
    {
        var openai = RateLimitHeaderParser.Parse(new Dictionary<string, string> { ["x-ratelimit-remaining-requests"] = "9", ["x-ratelimit-reset-tokens"] = "2s", ["retry-after"] = "4" }.GetValueOrDefault, Now)!;
        var anthropic = RateLimitHeaderParser.Parse(new Dictionary<string, string> { ["anthropic-ratelimit-requests-remaining"] = "3", ["anthropic-ratelimit-requests-reset"] = "2026-11-22T12:00:30Z", ["retry-after"] = "Sun, 22 Nov 2026 12:00:10 GMT" }.GetValueOrDefault, Now)!;

        Assert.Equal((9, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)), (openai.RemainingRequests!.Value, openai.ResetTokens!.Value, openai.RetryAfter!.Value));
        Assert.Equal((3, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10)), (anthropic.RemainingRequests!.Value, anthropic.ResetRequests!.Value, anthropic.RetryAfter!.Value));
        Assert.Null(RateLimitHeaderParser.Parse(_ => null, Now));
    }
}
