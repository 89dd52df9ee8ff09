using ItemEval.FakeProviders;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.OpenAI;
using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Runtime.Tests.Providers.Resilience;

/// <summary>
/// The limiter learning a model's quota from the real OpenAI SDK's answers: the fake server counts a sliding minute
/// per model on the same fake clock and states it in <c>x-ratelimit-*</c> headers; no <c>rpm</c> is configured.
/// </summary>
public sealed class FakeServerQuotaTests : IAsyncLifetime
{
    private readonly ObservedTimeProvider _time = new();
    private readonly RecordingHoldObserver _holds = new();
    private FakeProviderServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeProviderServer.StartAsync(_time);
        _server.Behavior.RequestsPerMinute = 3;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Calls_over_the_stated_quota_wait_for_its_reset_without_a_429_and_the_wait_is_reported()
    {
        using var limiter = new ProviderRateLimiter(_ => new RateLimitSettings(8, null, null), _time, _holds);
        var client = Client("gpt-4o-mini", limiter);
        var other = Client("gpt-4.1-mini", limiter);
        await client.CompleteAsync(Ask("gpt-4o-mini", 0), CancellationToken.None);

        var calls = Enumerable.Range(1, 4).Select(index => client.CompleteAsync(Ask("gpt-4o-mini", index), CancellationToken.None)).ToList();
        await _holds.Changed.WaitUntilAsync(() => _holds.Holds.Count == 1, "the hold to be reported");
        await other.CompleteAsync(Ask("gpt-4.1-mini", 0), CancellationToken.None); // another model has its own quota

        Assert.Equal(new RateLimitHold("openai/gpt-4o-mini", TimeSpan.FromMinutes(1), "remaining 0 of 3 requests"), _holds.Holds[0]);
        Assert.Equal(3 + 1, _server.RequestCount);
        _time.Advance(TimeSpan.FromMinutes(1));
        await Task.WhenAll(calls);
        Assert.Equal(5 + 1, _server.RequestCount);
        Assert.Equal(0, _server.TooManyRequestsCount);
    }

    private static ModelRequest Ask(string model, int index) => Requests.For($"openai/{model}", prompt: $"What is {index} + {index}?");

    private RateLimitingModelClient Client(string model, ProviderRateLimiter limiter) =>
        new(new OpenAIModelClient("openai", model, _server.BaseUrl + "/v1", "test-key"), limiter);
}
