using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Runtime.Tests.Providers.Resilience;

/// <summary>
/// Issue 8, defect 17: with no <c>rpm</c> set, the remaining quota in the provider's headers is spent to the last
/// call, a hold lasts until the reset the headers give and no longer, and every hold is reported.
/// </summary>
public sealed class HeaderQuotaTests : IDisposable
{
    private const string Model = Requests.Model;
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly ObservedTimeProvider _time = new();
    private readonly ScriptedModelClient _provider;
    private readonly RecordingHoldObserver _holds = new();
    private readonly ProviderRateLimiter _limiter;

    public HeaderQuotaTests()
    {
        _provider = new ScriptedModelClient(_time);
        _limiter = new ProviderRateLimiter(_ => new RateLimitSettings(8, null, null), _time, _holds);
    }

    public void Dispose() => _limiter.Dispose();

    [Fact]
    public async Task A_300_request_quota_serves_300_calls_without_a_pause_then_holds_the_next_until_the_reset()
    {
        // One at a time, so each answer states exactly what the provider counted: 300 - calls so far.
        using var limiter = new ProviderRateLimiter(_ => new RateLimitSettings(1, null, null), _time, _holds);
        var client = new RateLimitingModelClient(_provider, limiter);
        var counted = 0;
        _provider.Otherwise = (_, _) => Task.FromResult(ScriptedModelClient.Answer(
            new RateLimitHeaders(RemainingRequests: 300 - Interlocked.Increment(ref counted), LimitRequests: 300, ResetRequests: Minute)));

        var calls = Enumerable.Range(0, 300).Select(_ => client.CompleteAsync(Requests.For(), CancellationToken.None)).ToList();
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(20)); // the clock never moves: no call waited for it

        Assert.Empty(_holds.Holds);
        var next = client.CompleteAsync(Requests.For(), CancellationToken.None);
        var hold = Assert.Single(_holds.Holds);
        Assert.Equal(new RateLimitHold(Model, Minute, "remaining 0 of 300 requests"), hold);
        Assert.Equal("openai/gpt-test: waiting 60 s for the rate limit (remaining 0 of 300 requests)", hold.ToString());
        _time.Advance(Minute - TimeSpan.FromMilliseconds(1));
        Assert.Equal(300, _provider.Calls);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await next;
    }

    [Fact]
    public async Task A_quota_that_refills_as_fast_as_calls_go_never_holds()
    {
        // A sliding minute paced just under its limit: every answer says the same few remain, because as many calls
        // leave the minute as enter it. Charging the first reading with every later call held the fourth for a minute.
        using var limiter = new ProviderRateLimiter(_ => new RateLimitSettings(1, null, null), _time, _holds);
        var client = new RateLimitingModelClient(_provider, limiter);
        _provider.Otherwise = (_, _) => Task.FromResult(ScriptedModelClient.Answer(
            new RateLimitHeaders(RemainingRequests: 3, LimitRequests: 300, ResetRequests: Minute)));

        for (var call = 0; call < 20; call++)
        {
            await client.CompleteAsync(Requests.For(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20)); // the clock never moves
        }

        Assert.Empty(_holds.Holds);
        Assert.Equal(20, _provider.Calls);
    }

    [Fact]
    public async Task Two_calls_the_provider_counted_in_the_other_order_leave_the_lower_reading_in_force()
    {
        // Two calls in flight together reach the provider in either order: here the later one was counted first and
        // says one remains, the earlier says none. Trusting the later call's reading let a fourth call into a 429.
        var client = new RateLimitingModelClient(_provider, _limiter);
        _provider.ThenAnswer(ScriptedModelClient.Answer(new RateLimitHeaders(RemainingRequests: 2, LimitRequests: 3, ResetRequests: Minute)));
        await client.CompleteAsync(Requests.For(), CancellationToken.None);
        var earlier = new TaskCompletionSource<ModelResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var later = new TaskCompletionSource<ModelResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _provider.Then((_, _) => earlier.Task).Then((_, _) => later.Task);
        var first = client.CompleteAsync(Requests.For(), CancellationToken.None);
        await _provider.Changed.WaitUntilAsync(() => _provider.Running == 1, "the earlier call in flight");
        var second = client.CompleteAsync(Requests.For(), CancellationToken.None);
        await _provider.Changed.WaitUntilAsync(() => _provider.Running == 2, "both calls in flight");

        later.SetResult(ScriptedModelClient.Answer(new RateLimitHeaders(RemainingRequests: 1, LimitRequests: 3, ResetRequests: Minute)));
        earlier.SetResult(ScriptedModelClient.Answer(new RateLimitHeaders(RemainingRequests: 0, LimitRequests: 3, ResetRequests: Minute)));
        await Task.WhenAll(first, second);
        var held = client.CompleteAsync(Requests.For(), CancellationToken.None);

        Assert.Equal(new RateLimitHold(Model, Minute, "remaining 0 of 3 requests"), Assert.Single(_holds.Holds));
        Assert.Equal(3, _provider.Calls);
        _time.Advance(Minute);
        await held;
    }

    [Fact]
    public async Task Three_remaining_let_three_calls_through_and_the_rest_wait_only_until_the_stated_reset()
    {
        var client = new RateLimitingModelClient(_provider, _limiter);
        _provider.ThenAnswer(ScriptedModelClient.Answer(
            new RateLimitHeaders(RemainingRequests: 3, LimitRequests: 300, ResetRequests: TimeSpan.FromSeconds(12))));
        await client.CompleteAsync(Requests.For(), CancellationToken.None);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _provider.Otherwise = async (_, _) =>
        {
            await release.Task;
            return ScriptedModelClient.Answer();
        };

        var calls = Enumerable.Range(0, 6).Select(_ => client.CompleteAsync(Requests.For(), CancellationToken.None)).ToList();
        await _provider.Changed.WaitUntilAsync(() => _provider.Running == 3, "three calls in flight");
        Assert.Empty(_holds.Holds); // calls in flight may still bring news: not a hold yet
        release.SetResult();
        await _holds.Changed.WaitUntilAsync(() => _holds.Holds.Count == 1, "the hold to be reported");

        Assert.Equal(new RateLimitHold(Model, TimeSpan.FromSeconds(12), "remaining 3 of 300 requests"), _holds.Holds[0]);
        _time.Advance(TimeSpan.FromSeconds(12) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1 + 3, _provider.Calls);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Task.WhenAll(calls);
        Assert.Equal(1.0, _limiter.GetSnapshot(Model).Factor); // a used-up quota holds without cutting the rate
    }

    [Fact]
    public async Task A_late_answer_stating_more_remaining_does_not_lift_a_hold_a_later_call_reported()
    {
        var client = new RateLimitingModelClient(_provider, _limiter);
        var first = new TaskCompletionSource<ModelResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _provider.Then((_, _) => first.Task).ThenAnswer(ScriptedModelClient.Answer(
            new RateLimitHeaders(RemainingRequests: 0, LimitRequests: 300, ResetRequests: TimeSpan.FromSeconds(5))));
        var slow = client.CompleteAsync(Requests.For(), CancellationToken.None);
        await client.CompleteAsync(Requests.For(), CancellationToken.None);

        first.SetResult(ScriptedModelClient.Answer(new RateLimitHeaders(RemainingRequests: 200, LimitRequests: 300, ResetRequests: Minute)));
        await slow;
        var held = client.CompleteAsync(Requests.For(), CancellationToken.None);

        Assert.Equal(2, _limiter.GetSnapshot(Model).Granted);
        _time.Advance(TimeSpan.FromSeconds(5));
        await held;
    }

    [Fact]
    public async Task A_429_hold_is_reported_once_with_its_delay_and_the_calls_waiting()
    {
        var client = new RateLimitingModelClient(_provider, _limiter);
        _provider.ThenFail(ScriptedModelClient.Transient(429, retryAfter: TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<ModelCallException>(() => client.CompleteAsync(Requests.For(), CancellationToken.None));

        var waiting = Enumerable.Range(0, 6).Select(_ => client.CompleteAsync(Requests.For(), CancellationToken.None)).ToList();
        _time.Advance(TimeSpan.FromSeconds(10));
        await Task.WhenAll(waiting);

        Assert.Equal(new RateLimitHold(Model, TimeSpan.FromSeconds(10), "429"), Assert.Single(_holds.Holds));
    }

    [Fact]
    public async Task Pacing_under_a_configured_rpm_is_not_a_hold()
    {
        using var limiter = new ProviderRateLimiter(_ => new RateLimitSettings(8, 60, null), _time, _holds);
        var client = new RateLimitingModelClient(_provider, limiter);

        var calls = Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.CompleteAsync(Requests.For(), CancellationToken.None)));
        await _time.RunUntilDoneAsync(calls);

        Assert.Equal(5, _provider.Calls);
        Assert.Empty(_holds.Holds);
    }
}
