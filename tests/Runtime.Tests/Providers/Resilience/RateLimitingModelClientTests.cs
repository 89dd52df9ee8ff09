using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Runtime.Tests.Providers.Resilience;

public sealed class RateLimitingModelClientTests : IDisposable
{
    private const string Model = Requests.Model;

    private readonly ObservedTimeProvider _time = new();
    private readonly ScriptedModelClient _provider;
    private ProviderRateLimiter? _limiter;

    public RateLimitingModelClientTests() => _provider = new ScriptedModelClient(_time);

    private ProviderRateLimiter Limiter => _limiter!;

    public void Dispose() => _limiter?.Dispose();

    [Fact]
    public async Task Never_runs_more_calls_at_once_than_the_concurrency_limit()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _provider.Otherwise = async (_, _) =>
        {
            await release.Task;
            return ScriptedModelClient.Answer();
        };
        var client = Limited(new RateLimitSettings(3, null, null));

        var calls = Enumerable.Range(0, 10).Select(_ => client.CompleteAsync(Requests.For(), CancellationToken.None)).ToList();
        await _provider.Changed.WaitUntilAsync(() => _provider.Running == 3, "three calls in flight");
        Assert.Equal(7, Limiter.GetSnapshot(Model).Queued);
        release.SetResult();
        await Task.WhenAll(calls);

        Assert.Equal(3, _provider.MaxRunning);
        Assert.Equal(10, _provider.Calls);
    }

    [Fact]
    public async Task Under_60_requests_per_minute_no_sliding_minute_starts_more_than_60_of_300_queued_calls()
    {
        var client = Limited(new RateLimitSettings(null, 60, null));

        var calls = Enumerable.Range(0, 300).Select(_ => client.CompleteAsync(Requests.For(), CancellationToken.None)).ToList();
        while (true)
        {
            await SettledAsync();
            if (_provider.Calls == calls.Count)
            {
                break;
            }

            _time.Advance(TimeSpan.FromSeconds(1));
        }

        await Task.WhenAll(calls);
        var starts = _provider.Starts.Order().ToList();
        var busiestMinute = starts.Max(start => starts.Count(other => other >= start && other <= start + TimeSpan.FromMinutes(1)));
        Assert.InRange(busiestMinute, 58, 60); // 2% headroom: 58.8 a minute

        // Paced, not starved: the bucket starts with one request, then grants one every 60 / 58.8 s (the loop above
        // steps whole seconds, so the last start lands on the second after 299 × 1.0204 s).
        Assert.Equal(TimeSpan.FromSeconds(306), starts[^1] - starts[0]);
    }

    [Fact]
    public async Task After_a_429_with_retry_after_10_s_no_call_of_that_model_starts_for_10_s()
    {
        var client = Limited(new RateLimitSettings(8, null, null));
        _provider.ThenFail(ScriptedModelClient.Transient(429, retryAfter: TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<ModelCallException>(() => client.CompleteAsync(Requests.For(), CancellationToken.None));
        var throttledAt = _time.GetUtcNow();

        var waiting = Enumerable.Range(0, 6).Select(_ => client.CompleteAsync(Requests.For(), CancellationToken.None)).ToList();
        await client.CompleteAsync(Requests.For("anthropic/claude-test"), CancellationToken.None); // another key runs on

        _time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromMilliseconds(1));
        var paused = Limiter.GetSnapshot(Model);
        Assert.Equal((1L, 6), (paused.Granted, paused.Queued));
        Assert.Equal(4, paused.Concurrency); // 8 halved
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Task.WhenAll(waiting);

        Assert.All(_provider.Starts.Skip(2), start => Assert.Equal(throttledAt + TimeSpan.FromSeconds(10), start));
    }

    [Fact]
    public async Task A_burst_of_429s_from_calls_sent_at_the_old_rate_halves_the_rate_once()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _provider.Otherwise = async (_, _) =>
        {
            await release.Task;
            throw ScriptedModelClient.Transient(429, retryAfter: TimeSpan.FromSeconds(1));
        };
        var client = Limited(new RateLimitSettings(8, 600, null));

        var calls = Enumerable.Range(0, 4).Select(_ => client.CompleteAsync(Requests.For(), CancellationToken.None)).ToList();
        _time.Advance(TimeSpan.FromMilliseconds(400)); // the bucket starts with one request and refills ~ten a second
        await _provider.Changed.WaitUntilAsync(() => _provider.Running == 4, "four calls in flight");
        release.SetResult();
        foreach (var call in calls)
        {
            await Assert.ThrowsAsync<ModelCallException>(() => call);
        }

        var snapshot = Limiter.GetSnapshot(Model);
        Assert.Equal(0.5, snapshot.Factor);
        Assert.Equal(300 * (1 - RateAdaptationSettings.Default.Headroom), snapshot.RequestsPerMinute!.Value, precision: 9);
        Assert.Equal(4, snapshot.Concurrency);
    }

    [Fact]
    public async Task A_429_for_an_exhausted_quota_is_not_a_pace_to_adapt_to()
    {
        var client = Limited(new RateLimitSettings(8, null, null));
        _provider.ThenFail(new ModelCallException("insufficient_quota", 429, isTransient: false));
        await Assert.ThrowsAsync<ModelCallException>(() => client.CompleteAsync(Requests.For(), CancellationToken.None));

        _ = client.CompleteAsync(Requests.For(), CancellationToken.None);

        var snapshot = Limiter.GetSnapshot(Model);
        Assert.Equal((1.0, 2L), (snapshot.Factor, snapshot.Granted));
    }

    [Fact]
    public async Task The_rate_climbs_back_a_step_per_calm_period_after_a_429()
    {
        var client = Limited(new RateLimitSettings(8, 60, null));
        _provider.ThenFail(ScriptedModelClient.Transient(429, retryAfter: TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<ModelCallException>(() => client.CompleteAsync(Requests.For(), CancellationToken.None));
        var throttledAt = _time.GetUtcNow();
        var calm = RateAdaptationSettings.Default.CalmPeriod;

        // Calls keep coming at the halved rate while the factor recovers.
        var calls = Enumerable.Range(0, 200).Select(_ => client.CompleteAsync(Requests.For(), CancellationToken.None)).ToList();
        var factors = new List<double>();
        for (var second = 1; second <= 200; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await SettledAsync();
            if ((_time.GetUtcNow() - throttledAt - TimeSpan.FromSeconds(10)) is var sincePause && sincePause > TimeSpan.Zero
                && sincePause.Ticks % calm.Ticks == 0)
            {
                factors.Add(Limiter.GetSnapshot(Model).Factor);
            }
        }

        Assert.Equal([0.625, 0.75, 0.875, 1.0, 1.0, 1.0], factors);
        var firstCalmPeriod = _provider.Starts.Count(start =>
            start >= throttledAt + TimeSpan.FromSeconds(10) && start < throttledAt + TimeSpan.FromSeconds(10) + calm);
        Assert.InRange(firstCalmPeriod, 14, 17); // 30 a minute, not 60
        var fullRateMinute = _provider.Starts.Count(start =>
            start >= throttledAt + TimeSpan.FromSeconds(140) && start < throttledAt + TimeSpan.FromSeconds(200));
        Assert.InRange(fullRateMinute, 58, 63);
        Assert.Equal(200, calls.Count(call => call.IsCompletedSuccessfully) + Limiter.GetSnapshot(Model).Queued);
    }

    [Fact]
    public async Task Plenty_of_remaining_budget_does_not_pause()
    {
        var client = Limited(new RateLimitSettings(8, null, null));
        _provider.ThenAnswer(ScriptedModelClient.Answer(
            new RateLimitHeaders(RemainingRequests: 400, LimitRequests: 500, ResetRequests: TimeSpan.FromSeconds(5))));
        await client.CompleteAsync(Requests.For(), CancellationToken.None);

        _ = client.CompleteAsync(Requests.For(), CancellationToken.None);

        Assert.Equal(2, Limiter.GetSnapshot(Model).Granted);
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 1000)]
    public async Task Tokens_per_minute_are_charged_by_estimate_and_reconciled_with_reported_usage(
        bool providerReportsUsage, int expectedWaitMilliseconds)
    {
        // 6000 tokens a minute: a burst of 300, 100 a second. Each request is estimated at 100 + 100 = 200 tokens.
        var client = Limited(new RateLimitSettings(null, null, 6000), RateAdaptationSettings.Default with { Headroom = 0 });
        var request = Requests.For(prompt: new string('x', 400), maxTokens: 100);
        _provider.ThenAnswer(ScriptedModelClient.Answer(usage: providerReportsUsage ? new TokenUsage(20, 30) : null));
        await client.CompleteAsync(request, CancellationToken.None);

        var second = client.CompleteAsync(request, CancellationToken.None);
        if (expectedWaitMilliseconds > 0)
        {
            _time.Advance(TimeSpan.FromMilliseconds(expectedWaitMilliseconds - 1));
            Assert.Equal(1, Limiter.GetSnapshot(Model).Granted);
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        await second;
        Assert.Equal(2, Limiter.GetSnapshot(Model).Granted);
    }

    [Fact]
    public async Task A_cancelled_caller_leaves_the_queue_without_holding_up_the_others()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _provider.Otherwise = async (_, _) =>
        {
            await release.Task;
            return ScriptedModelClient.Answer();
        };
        var client = Limited(new RateLimitSettings(1, null, null));
        using var cancellation = new CancellationTokenSource();

        var first = client.CompleteAsync(Requests.For(), CancellationToken.None);
        var cancelled = client.CompleteAsync(Requests.For(), cancellation.Token);
        var third = client.CompleteAsync(Requests.For(), CancellationToken.None);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(1, Limiter.GetSnapshot(Model).Queued);
        release.SetResult();
        await Task.WhenAll(first, third);
        Assert.Equal(2, _provider.Calls);
    }

    /// <summary>
    /// Waits until every granted call has started and been released, so nothing races the next Advance: each start
    /// is stamped with its grant time and every timer is armed from the time it was computed at.
    /// </summary>
    private Task SettledAsync() =>
        _provider.Changed.WaitUntilAsync(
            () => Limiter.GetSnapshot(Model) is var gate && gate.Granted == _provider.Calls && gate.InFlight == 0,
            "granted calls to start and finish");

    private RateLimitingModelClient Limited(RateLimitSettings settings, RateAdaptationSettings? adaptation = null)
    {
        _limiter = new ProviderRateLimiter(_ => settings, _time, adaptation ?? RateAdaptationSettings.Default);
        return new RateLimitingModelClient(_provider, _limiter);
    }
}
