namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// Hears about every retry so it is visible to the user (progress line, Status counters) instead of looking like
/// a slow model.
/// </summary>
public interface IRetryObserver
{
    /// <param name="model">The <c>provider/model</c> id of the request.</param>
    /// <param name="attempt">The number of the retry about to happen: 1 for the first retry.</param>
    /// <param name="delay">How long the retry layer waits before it.</param>
    /// <param name="reason">Why: the status code and the provider's message.</param>
    void OnRetry(string model, int attempt, TimeSpan delay, string reason);
}
