namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// The right to send one call. Tell it how the call went (<see cref="Succeeded"/> or <see cref="Failed"/>) so the
/// limiter can adapt, then dispose it to free the concurrency slot.
/// </summary>
/// <param name="grantNumber">The call's place in the key's grant order (1 for the first).</param>
/// <param name="tokensGrantedThrough">Estimated tokens the key let through up to and including this call.</param>
internal sealed class RateLimitPermit(ModelRateGate gate, long grantNumber, int estimatedTokens, long tokensGrantedThrough, DateTimeOffset grantedAt)
    : IDisposable
{
    private int _released;

    public long GrantNumber => grantNumber;

    public int EstimatedTokens => estimatedTokens;

    public long TokensGrantedThrough => tokensGrantedThrough;

    public DateTimeOffset GrantedAt => grantedAt;

    public void Succeeded(ModelResponse response) => gate.OnSucceeded(this, response);

    public void Failed(ModelCallException failure) => gate.OnFailed(this, failure);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            gate.Release(this);
        }
    }
}
