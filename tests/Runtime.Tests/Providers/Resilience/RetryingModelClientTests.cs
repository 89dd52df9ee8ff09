using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Runtime.Tests.Providers.Resilience;

public sealed class RetryingModelClientTests
{
    private static readonly RetrySettings Settings = new() { MaxRetries = 4, BaseDelay = TimeSpan.FromSeconds(2) };

    private readonly ObservedTimeProvider _time = new();
    private readonly ScriptedModelClient _provider;
    private readonly RecordingRetryObserver _observer = new();

    public RetryingModelClientTests() => _provider = new ScriptedModelClient(_time);

    [Fact]
    public async Task Retries_transient_failures_and_reports_how_many_it_took()
    {
        _provider.ThenFail(ScriptedModelClient.Transient(503, message: "upstream busy"))
            .ThenFail(ScriptedModelClient.Transient(529, message: "overloaded"));
        var client = NewClient(Settings);

        var call = client.CompleteAsync(Requests.For(), CancellationToken.None);
        await _time.RunUntilDoneAsync(call);

        var response = await call;
        Assert.Equal("ok", response.Text);
        Assert.Equal(2, response.Retries);
        Assert.Equal(3, _provider.Calls);
        Assert.Collection(
            _observer.Retries,
            first =>
            {
                Assert.Equal((Requests.Model, 1), (first.Model, first.Attempt));
                Assert.Equal("HTTP 503 \"upstream busy\"", first.Reason);
            },
            second =>
            {
                Assert.Equal(2, second.Attempt);
                Assert.Equal("HTTP 529 \"overloaded\"", second.Reason);
            });
    }

    [Fact]
    public async Task Delays_double_each_retry_and_wait_at_least_the_retry_after()
    {
        _provider.ThenFail(ScriptedModelClient.Transient(429, retryAfter: TimeSpan.FromSeconds(10)))
            .ThenFail(ScriptedModelClient.Transient(500))
            .ThenFail(ScriptedModelClient.Transient(500));
        var client = NewClient(Settings, random: () => 0.5); // 0.5 is the middle of the jitter: no jitter

        var call = client.CompleteAsync(Requests.For(), CancellationToken.None);
        TimeSpan[] expected = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)];
        for (var retry = 0; retry < expected.Length; retry++)
        {
            await _time.WaitForTimerAsync(expected[retry]);
            _time.Advance(expected[retry] - TimeSpan.FromMilliseconds(1));
            Assert.Equal(retry + 1, _provider.Calls); // the timer has not fired, so no new attempt can have started
            _time.Advance(TimeSpan.FromMilliseconds(1));
            await _provider.Changed.WaitUntilAsync(() => _provider.Calls == retry + 2, $"attempt {retry + 2}");
        }

        Assert.Equal(3, (await call).Retries);
        Assert.Equal(expected, _observer.Retries.Select(retry => retry.Delay));
        var gaps = _provider.Starts.Zip(_provider.Starts.Skip(1), (earlier, later) => later - earlier);
        Assert.Equal(expected, gaps);
    }

    [Fact]
    public async Task Jittered_delays_stay_within_a_quarter_of_their_exponential_step()
    {
        var settings = Settings with { MaxRetries = 4 };
        for (var call = 0; call < 20; call++)
        {
            for (var failure = 0; failure < 4; failure++)
            {
                _provider.ThenFail(ScriptedModelClient.Transient(503));
            }

            var task = NewClient(settings, random: Random.Shared.NextDouble).CompleteAsync(Requests.For(), CancellationToken.None);
            await _time.RunUntilDoneAsync(task);
            Assert.Equal(4, (await task).Retries);
        }

        var delays = _observer.Retries.GroupBy(retry => retry.Attempt).ToDictionary(group => group.Key, group => group.ToList());
        foreach (var (attempt, retries) in delays)
        {
            var step = 2.0 * Math.Pow(2, attempt - 1);
            Assert.All(retries, retry => Assert.InRange(retry.Delay.TotalSeconds, step * 0.75, step * 1.25));
            Assert.True(retries.Select(retry => retry.Delay).Distinct().Count() > 1, $"retry {attempt} never jittered");
        }
    }

    [Fact]
    public async Task Gives_up_after_the_last_retry_naming_the_attempts_and_the_providers_message()
    {
        _provider.Otherwise = (_, _) => Task.FromException<ModelResponse>(ScriptedModelClient.Transient(503, message: "service unavailable"));
        var client = NewClient(Settings with { MaxRetries = 2 });

        var call = client.CompleteAsync(Requests.For(), CancellationToken.None);
        await _time.RunUntilDoneAsync(call);

        var failure = await Assert.ThrowsAsync<ModelCallException>(() => call);
        Assert.Equal("openai/gpt-test: HTTP 503 \"service unavailable\" — gave up after 3 attempts", failure.Message);
        Assert.Equal(503, failure.StatusCode);
        Assert.Equal(3, failure.Attempts);
        Assert.Equal(3, _provider.Calls);
        Assert.Equal(2, _observer.Retries.Count);
    }

    [Fact]
    public async Task Non_transient_errors_pass_through_untouched_on_the_first_attempt()
    {
        var badRequest = new ModelCallException("unsupported_value: temperature", 400, isTransient: false);
        _provider.ThenFail(badRequest);

        var failure = await Assert.ThrowsAsync<ModelCallException>(
            () => NewClient(Settings).CompleteAsync(Requests.For(), CancellationToken.None));

        Assert.Same(badRequest, failure);
        Assert.Equal(1, _provider.Calls);
        Assert.Empty(_observer.Retries);
    }

    [Fact]
    public async Task Cancelling_while_waiting_to_retry_stops_at_once()
    {
        _provider.Otherwise = (_, _) => Task.FromException<ModelResponse>(ScriptedModelClient.Transient(503));
        using var cancellation = new CancellationTokenSource();

        var call = NewClient(Settings).CompleteAsync(Requests.For(), cancellation.Token);
        await _observer.Changed.WaitUntilAsync(() => _observer.Retries.Count == 1, "the first retry");
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, _provider.Calls);
    }

    [Fact]
    public async Task Cancelling_during_an_attempt_is_not_retried_even_if_the_provider_reports_it_as_transient()
    {
        using var cancellation = new CancellationTokenSource();
        _provider.Otherwise = async (request, token) =>
        {
            try
            {
                return await ScriptedModelClient.HangUntilCancelled(request, token);
            }
            catch (OperationCanceledException cancelled)
            {
                throw new ModelCallException("request aborted", null, isTransient: true, inner: cancelled);
            }
        };

        var call = NewClient(Settings).CompleteAsync(Requests.For(), cancellation.Token);
        await _provider.Changed.WaitUntilAsync(() => _provider.Running == 1, "the attempt to start");
        await cancellation.CancelAsync();

        var failure = await Assert.ThrowsAsync<ModelCallException>(() => call);
        Assert.Equal("request aborted", failure.Message);
        Assert.Equal(1, _provider.Calls);
        Assert.Empty(_observer.Retries);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_maximum_delay_fails_now_instead_of_stalling()
    {
        _provider.ThenFail(ScriptedModelClient.Transient(429, retryAfter: TimeSpan.FromMinutes(5), message: "daily quota"));

        var failure = await Assert.ThrowsAsync<ModelCallException>(
            () => NewClient(Settings).CompleteAsync(Requests.For(), CancellationToken.None));

        Assert.Equal(
            "openai/gpt-test: HTTP 429 \"daily quota\" — gave up after 1 attempt: "
            + "the provider asked to wait 300 s, more than the 60 s retry limit",
            failure.Message);
        Assert.Equal(1, _provider.Calls);
    }

    [Fact]
    public async Task With_retries_off_a_transient_failure_still_names_the_attempt()
    {
        _provider.ThenFail(ScriptedModelClient.Transient(502, message: "bad gateway"));

        var failure = await Assert.ThrowsAsync<ModelCallException>(
            () => NewClient(Settings with { MaxRetries = 0 }).CompleteAsync(Requests.For(), CancellationToken.None));

        Assert.Equal("openai/gpt-test: HTTP 502 \"bad gateway\" — gave up after 1 attempt", failure.Message);
        Assert.True(failure.IsTransient);
    }

    private RetryingModelClient NewClient(RetrySettings settings, Func<double>? random = null) =>
        new(_provider, settings, _observer, _time, random ?? (() => 0.5));
}
