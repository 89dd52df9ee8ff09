namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// Queues each call under its model's limits and reports back how it went (usage, limit headers, 429s) so the
/// shared <see cref="ProviderRateLimiter"/> adapts. Place it inside the retry layer so every attempt queues.
/// </summary>
public sealed class RateLimitingModelClient(IModelClient inner, ProviderRateLimiter limiter) : IModelClient
{
    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        using var permit = await limiter.AcquireAsync(request, cancellationToken);
        try
        {
            var response = await inner.CompleteAsync(request, cancellationToken);
            permit.Succeeded(response);
            return response;
        }
        catch (ModelCallException failure)
        {
            permit.Failed(failure);
            throw;
        }
    }
}
