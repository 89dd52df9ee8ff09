namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// The right to send one call. Tell it how the call went (<see cref="Succeeded"/> or <see cref="Failed"/>) so the
/// limiter can adapt, then dispose it to free the concurrency slot.
/// </summary>
internal sealed class RateLimitPermit(ModelRateGate gate, long grantNumber, int estimatedTokens, DateTimeOffset grantedAt)
    : IDisposable
{
    private int _released;

    public long GrantNumber => grantNumber;

    public int EstimatedTokens => estimatedTokens;

    public DateTimeOffset GrantedAt => grantedAt;

    public void Succeeded(ModelResponse response) => gate.OnSucceeded(this, response);

    public void Failed(ModelCallException failure) => gate.OnFailed(this, failure);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            gate.Release();
        }
    }
}
