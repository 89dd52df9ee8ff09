using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Runtime.Tests.Providers.Resilience;

public sealed class ModelClientResilienceExtensionsTests : IDisposable
{
    private readonly ObservedTimeProvider _time = new();
    private readonly ScriptedModelClient _provider;
    private readonly RecordingRetryObserver _observer = new();
    private ProviderRateLimiter? _limiter;

    public ModelClientResilienceExtensionsTests() => _provider = new ScriptedModelClient(_time);

    public void Dispose() => _limiter?.Dispose();

    [Fact]
    public async Task Waiting_in_the_limiters_queue_does_not_count_against_the_attempt_timeout()
    {
        // One request a minute (less the headroom): the second call queues for over 60 s, twice the 30 s attempt timeout.
        var client = Resilient(new RateLimitSettings(null, 1, null), RetrySettings.Default with { AttemptTimeout = TimeSpan.FromSeconds(30) });
        await client.CompleteAsync(Requests.For(), CancellationToken.None);

        var queued = client.CompleteAsync(Requests.For(), CancellationToken.None);
        await _time.RunUntilDoneAsync(queued);

        Assert.Equal(0, (await queued).Retries);
        Assert.Empty(_observer.Retries);
        Assert.InRange(_provider.Starts[1] - _provider.Starts[0], TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(62));
    }

    [Fact]
    public async Task Every_attempt_passes_the_limiter_so_a_429_pauses_the_model_before_the_retry()
    {
        var client = Resilient(new RateLimitSettings(8, null, null), RetrySettings.Default);
        _provider.ThenFail(ScriptedModelClient.Transient(429, retryAfter: TimeSpan.FromSeconds(10)));

        var call = client.CompleteAsync(Requests.For(), CancellationToken.None);
        await _time.RunUntilDoneAsync(call);

        Assert.Equal(1, (await call).Retries);
        Assert.Equal(2, _limiter!.GetSnapshot(Requests.Model).Granted);
        Assert.Equal(0.5, _limiter.GetSnapshot(Requests.Model).Factor);
        Assert.Equal(TimeSpan.FromSeconds(10), _provider.Starts[1] - _provider.Starts[0]);
    }

    private IModelClient Resilient(RateLimitSettings limits, RetrySettings retries)
    {
        _limiter = new ProviderRateLimiter(_ => limits, _time);
        return _provider.WithResilience(_limiter, retries, _observer, _time);
    }
}
