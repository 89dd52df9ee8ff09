using System.Collections.Concurrent;

namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// Rate limits per <c>provider/model</c> key (concurrency, requests and tokens per minute) that adapt to what the
/// provider says: a 429 halves the rate and pauses the key until Retry-After, a quota the headers say is used up
/// holds it until reset, and calm periods win the rate back step by step. One instance is shared by every client of
/// a run; each hold is told to the <see cref="IRateLimitObserver"/>.
/// </summary>
public sealed class ProviderRateLimiter : IDisposable
{
    private readonly Func<string, RateLimitSettings> _settingsFor;
    private readonly TimeProvider _time;
    private readonly RateAdaptationSettings _adaptation;
    private readonly IRateLimitObserver? _observer;
    private readonly ConcurrentDictionary<string, Lazy<ModelRateGate>> _gates = new(StringComparer.Ordinal);

    /// <param name="settingsFor">Limits for a model id; <see cref="RateLimitSettings.DefaultFor"/> when null.</param>
    /// <param name="timeProvider">The clock for pacing and pauses; the system clock when null.</param>
    /// <param name="observer">Told when a model's calls are held for the provider's limit; nobody when null.</param>
    public ProviderRateLimiter(Func<string, RateLimitSettings>? settingsFor = null, TimeProvider? timeProvider = null, IRateLimitObserver? observer = null)
        : this(settingsFor ?? RateLimitSettings.DefaultFor, timeProvider ?? TimeProvider.System, RateAdaptationSettings.Default, observer)
    {
    }

    internal ProviderRateLimiter(
        Func<string, RateLimitSettings> settingsFor,
        TimeProvider timeProvider,
        RateAdaptationSettings adaptation,
        IRateLimitObserver? observer = null)
    {
        _settingsFor = settingsFor;
        _time = timeProvider;
        _adaptation = adaptation;
        _observer = observer;
    }

    public void Dispose()
    {
        foreach (var gate in _gates.Values)
        {
            if (gate.IsValueCreated)
            {
                gate.Value.Dispose();
            }
        }
    }

    /// <summary>Waits for the request's turn under its model's limits.</summary>
    internal Task<RateLimitPermit> AcquireAsync(ModelRequest request, CancellationToken cancellationToken) =>
        Gate(request.Model).AcquireAsync(Budget.TokenEstimator.ForRequest(request), cancellationToken);

    internal RateGateSnapshot GetSnapshot(string model) => Gate(model).Snapshot();

    // Lazy so that two first callers racing on a key never build two gates (and two timers) for it.
    private ModelRateGate Gate(string model) =>
        _gates.GetOrAdd(model, key => new Lazy<ModelRateGate>(() => new ModelRateGate(key, _settingsFor(key), _adaptation, _time, _observer))).Value;
}
