namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// Exponential backoff with ±25% jitter, at least what the provider asked for in Retry-After.
/// Computed here rather than by Polly's built-in exponential backoff because Polly's generator cannot see its own
/// computed delay, and the Retry-After floor needs both.
/// </summary>
internal sealed class RetryBackoff(RetrySettings settings, Func<double> random)
{
    /// <summary>A retry waits between (1 - spread) and (1 + spread) times its exponential step.</summary>
    public const double JitterSpread = 0.25;

    /// <param name="retryIndex">0 for the first retry.</param>
    /// <param name="retryAfter">What the provider asked for, if it did.</param>
    public TimeSpan DelayFor(int retryIndex, TimeSpan? retryAfter)
    {
        var step = settings.BaseDelay.TotalSeconds * Math.Pow(2, retryIndex);
        var jittered = step * (1 - JitterSpread + (2 * JitterSpread * random()));
        var backoff = TimeSpan.FromSeconds(Math.Min(jittered, settings.MaxDelay.TotalSeconds));
        return retryAfter is { } asked && asked > backoff ? asked : backoff;
    }
}
