using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Runtime.Tests.Providers.Resilience;

public sealed class TimeoutModelClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private readonly ObservedTimeProvider _time = new();
    private readonly ScriptedModelClient _provider;

    public TimeoutModelClientTests()
    {
        _provider = new ScriptedModelClient(_time) { Otherwise = ScriptedModelClient.HangUntilCancelled };
    }

    [Fact]
    public async Task An_attempt_without_an_answer_becomes_a_transient_timeout()
    {
        var call = new TimeoutModelClient(_provider, Timeout, _time).CompleteAsync(Requests.For(), CancellationToken.None);
        await _time.WaitForTimerAsync(Timeout);

        _time.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        Assert.Contains(_time.PendingTimers, timer => timer.Due == Timeout); // timers fire inside Advance: not yet
        _time.Advance(TimeSpan.FromMilliseconds(1));

        var failure = await Assert.ThrowsAsync<ModelCallException>(() => call);
        Assert.True(failure.IsTransient);
        Assert.Null(failure.StatusCode);
        Assert.Equal("timed out: no answer within 120 s", failure.Message);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_reported_as_a_timeout()
    {
        using var cancellation = new CancellationTokenSource();
        var call = new TimeoutModelClient(_provider, Timeout, _time).CompleteAsync(Requests.For(), cancellation.Token);
        await _provider.Changed.WaitUntilAsync(() => _provider.Running == 1, "the attempt to start");

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried_by_the_layer_outside()
    {
        _provider.Then(ScriptedModelClient.HangUntilCancelled);
        _provider.Otherwise = (_, _) => Task.FromResult(ScriptedModelClient.Answer());
        var observer = new RecordingRetryObserver();
        var client = new RetryingModelClient(
            new TimeoutModelClient(_provider, Timeout, _time), RetrySettings.Default, observer, _time, () => 0.5);

        var call = client.CompleteAsync(Requests.For(), CancellationToken.None);
        await _time.RunUntilDoneAsync(call);

        Assert.Equal(1, (await call).Retries);
        var retry = Assert.Single(observer.Retries);
        Assert.Equal("timed out: no answer within 120 s", retry.Reason);
        Assert.Equal(TimeSpan.FromSeconds(120 + 2), _provider.Starts[1] - _provider.Starts[0]);
    }
}
