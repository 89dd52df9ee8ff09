namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// Each attempt of one model, between the retry layer and the rate limiter: tells its
/// <see cref="ProviderReachability"/> whether the attempt connected, and once the provider is taken as unreachable
/// fails attempts before they are sent (nothing queued for a rate limit, nothing reserved, nothing billed) with an
/// error that is not transient, so the retry layer stops too and the cell fails at once.
/// </summary>
public sealed class ReachabilityGuardModelClient : IModelClient
{
    private readonly IModelClient _inner;
    private readonly ProviderReachability _reachability;

    public ReachabilityGuardModelClient(IModelClient inner, ProviderReachability reachability)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _reachability = reachability;
    }

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        if (_reachability.Unreachable is { } why)
        {
            throw new ModelCallException(why, isTransient: false) { NoConnection = true };
        }

        try
        {
            var response = await _inner.CompleteAsync(request, cancellationToken).ConfigureAwait(false);
            _reachability.Reached();
            return response;
        }
        catch (ModelCallException failure) when (failure.NoConnection)
        {
            _reachability.NoConnection(failure.Message);
            throw;
        }
        catch (ModelCallException)
        {
            _reachability.Reached();
            throw;
        }
    }
}
