namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// Hears when a model's calls are held for the provider's rate limit (after a 429, or because the headers say the
/// quota is used up until its reset), so a long wait shows on the progress line instead of looking like a stall.
/// </summary>
public interface IRateLimitObserver
{
    /// <summary>Called once per hold, when calls are waiting on it; never under the limiter's lock.</summary>
    void OnHeld(RateLimitHold hold);
}
