using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace ItemEval.Runtime.Tests.Providers.Resilience;

/// <summary>
/// A provider that cannot be connected to for 30 s over 8 attempts is given up for the run: later attempts fail before
/// they are sent, and not as transient. Anything that answers — even an HTTP error — shows the provider is there.
/// </summary>
public sealed class ReachabilityGuardModelClientTests
{
    private static readonly RetrySettings Settings = RetrySettings.Default;

    private readonly FakeTimeProvider _time = new();
    private readonly ScriptedModelClient _provider;
    private readonly ReachabilityGuardModelClient _guard;

    public ReachabilityGuardModelClientTests()
    {
        _provider = new ScriptedModelClient(_time) { Otherwise = (_, _) => throw Refused() };
        _guard = new ReachabilityGuardModelClient(_provider, new ProviderReachability(Settings, _time));
    }

    [Fact]
    public async Task Refusals_for_the_window_and_the_attempts_stop_later_attempts_before_they_are_sent()
    {
        for (var attempt = 0; attempt < Settings.UnreachableAttempts; attempt++)
        {
            await Assert.ThrowsAsync<ModelCallException>(() => _guard.CompleteAsync(Requests.For(), CancellationToken.None));
            _time.Advance(Settings.UnreachableAfter / (Settings.UnreachableAttempts - 1));
        }

        var sent = _provider.Calls;
        var refused = await Assert.ThrowsAsync<ModelCallException>(() => _guard.CompleteAsync(Requests.For(), CancellationToken.None));

        Assert.Equal(sent, _provider.Calls);
        Assert.False(refused.IsTransient);
        Assert.StartsWith("not sent: no connection to the provider for 30 s over 8 attempts (connection refused at 127.0.0.1:9)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("check the model's base_url", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_refusals_in_a_short_blip_do_not_give_the_provider_up()
    {
        for (var attempt = 0; attempt < 3 * Settings.UnreachableAttempts; attempt++)
        {
            await Assert.ThrowsAsync<ModelCallException>(() => _guard.CompleteAsync(Requests.For(), CancellationToken.None));
        }

        _time.Advance(Settings.UnreachableAfter - TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<ModelCallException>(() => _guard.CompleteAsync(Requests.For(), CancellationToken.None));
        _provider.Otherwise = (_, _) => Task.FromResult(ScriptedModelClient.Answer());

        var answer = await _guard.CompleteAsync(Requests.For(), CancellationToken.None);

        Assert.Equal("ok", answer.Text);
    }

    [Fact]
    public async Task An_http_error_in_between_restarts_the_count()
    {
        await RefuseFor(Settings.UnreachableAfter / 2);
        _provider.Otherwise = (_, _) => throw new ModelCallException("HTTP 503 overloaded", 503, isTransient: true);
        await Assert.ThrowsAsync<ModelCallException>(() => _guard.CompleteAsync(Requests.For(), CancellationToken.None));
        _provider.Otherwise = (_, _) => throw Refused();
        await RefuseFor(Settings.UnreachableAfter / 2 + TimeSpan.FromSeconds(5));

        _provider.Otherwise = (_, _) => Task.FromResult(ScriptedModelClient.Answer());
        var answer = await _guard.CompleteAsync(Requests.For(), CancellationToken.None);

        Assert.Equal("ok", answer.Text);
    }

    [Fact]
    public async Task Resets_and_timeouts_after_connecting_never_give_the_provider_up()
    {
        _provider.Otherwise = (_, _) => throw new ModelCallException("connection reset by the provider", isTransient: true);
        await RefuseFor(2 * Settings.UnreachableAfter);
        _provider.Otherwise = (_, _) => Task.FromResult(ScriptedModelClient.Answer());

        var answer = await _guard.CompleteAsync(Requests.For(), CancellationToken.None);

        Assert.Equal("ok", answer.Text);
    }

    /// <summary>Attempts that fail as the script says, one a second, for <paramref name="span"/>.</summary>
    private async Task RefuseFor(TimeSpan span)
    {
        for (var elapsed = TimeSpan.Zero; elapsed <= span; elapsed += TimeSpan.FromSeconds(1))
        {
            await Assert.ThrowsAsync<ModelCallException>(() => _guard.CompleteAsync(Requests.For(), CancellationToken.None));
            _time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    private static ModelCallException Refused() =>
        ProviderErrors.Transport(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused)), new Uri("http://127.0.0.1:9/v1"));
}
