namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// Whether one model's provider can be connected to at all, from the attempts made to it: a circuit breaker that
/// opens only on attempts that made no connection (<see cref="ModelCallException.NoConnection"/>: refused, a name
/// that does not resolve), for <see cref="RetrySettings.UnreachableAfter"/> and over
/// <see cref="RetrySettings.UnreachableAttempts"/> attempts with none getting through. Once open it stays open for the
/// run: the cells not yet sent fail at once, and the next run tries again.
/// </summary>
/// <remarks>
/// Why: every such attempt is transient to the retry layer (a provider restarting refuses for a few seconds), so a
/// wrong <c>base_url</c> or a machine offline cost each cell its whole retry schedule — 8 minutes for a 240-cell
/// study before the first error was shown. Any answer at all, even an HTTP error or a reset after connecting, shows
/// the provider is there and closes the count, so rate limits, 5xx storms and timeouts never open it.
/// </remarks>
public sealed class ProviderReachability
{
    private readonly RetrySettings _settings;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private long? _failingSince;
    private int _failedAttempts;

    public ProviderReachability(RetrySettings settings, TimeProvider? time = null)
    {
        _settings = settings;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Why the provider is taken as unreachable (null while it is not): the sentence a refused cell stores.</summary>
    public string? Unreachable { get; private set; }

    /// <summary>An attempt got an answer of any kind: the provider is there.</summary>
    public void Reached()
    {
        lock (_gate)
        {
            if (Unreachable is null)
            {
                _failingSince = null;
                _failedAttempts = 0;
            }
        }
    }

    /// <summary>An attempt made no connection; opens the breaker once it has been so for long enough.</summary>
    public void NoConnection(string error)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _failingSince ??= now;
            _failedAttempts++;
            var failingFor = _time.GetElapsedTime(_failingSince.Value, now);
            if (Unreachable is null && _failedAttempts >= _settings.UnreachableAttempts && failingFor >= _settings.UnreachableAfter)
            {
                Unreachable = $"not sent: no connection to the provider for {failingFor.TotalSeconds:0} s over {_failedAttempts} attempts " +
                    $"({error}); check the model's base_url and the network, then run again";
            }
        }
    }
}
