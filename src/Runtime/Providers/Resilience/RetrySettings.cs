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

    /// <summary>
    /// A model whose provider could not be connected to for this long, over at least <see cref="UnreachableAttempts"/>
    /// attempts and with none getting through meanwhile, is taken as unreachable: its calls stop being sent and fail at
    /// once (<see cref="ProviderReachability"/>). Longer than a restart or a network blip, shorter than a wrong
    /// base_url retried cell by cell (8 minutes for 240 cells at five attempts each).
    /// </summary>
    public TimeSpan UnreachableAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts without a connection it takes, besides <see cref="UnreachableAfter"/>, to give a provider up.</summary>
    public int UnreachableAttempts { get; init; } = 8;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(UnreachableAfter, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(UnreachableAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries);
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, BaseDelay);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AttemptTimeout, TimeSpan.Zero);
    }
}
