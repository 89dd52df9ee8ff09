namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// How often and how patiently a failed call is tried again. The defaults suit hosted LLM APIs, where a 429 or a 5xx
/// usually clears within seconds and one answer can legitimately take a minute or two.
/// </summary>
public sealed record RetrySettings
{
    public static RetrySettings Default { get; } = new();

    /// <summary>Tries after the first attempt; 0 turns retrying off.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The first retry waits about this long; each further retry doubles it (±25% jitter).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>No single wait is longer. A provider asking (Retry-After) for longer than this fails the call instead.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// One attempt that has not answered after this long is abandoned as a transient failure. Applied by the timeout
    /// layer (<see cref="TimeoutModelClient"/>), which <see cref="ModelClientResilienceExtensions.WithResilience"/>
    /// puts innermost; <see cref="RetryingModelClient"/> alone does not time out.
    /// </summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(120);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries);
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, BaseDelay);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AttemptTimeout, TimeSpan.Zero);
    }
}
