namespace ItemEval.Runtime.Providers;

/// <summary>
/// A call that failed. <see cref="IsTransient"/> (429, 5xx, Anthropic 529, timeouts, resets, unreadable answers) tells
/// the retry layer it may try again; once retries are spent the cell is stored as an error with
/// <see cref="Exception.Message"/>, one sentence that already names the status and the provider's own words.
/// </summary>
public sealed class ModelCallException : Exception
{
    public ModelCallException(
        string message,
        int? statusCode = null,
        bool isTransient = false,
        RateLimitHeaders? rateLimits = null,
        Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        IsTransient = isTransient;
        RateLimits = rateLimits;
    }

    public int? StatusCode { get; }

    public bool IsTransient { get; }

    public RateLimitHeaders? RateLimits { get; }

    /// <summary>The response body as the provider sent it (error object, broken JSON), for the transcript.</summary>
    public string? RawBody { get; init; }

    /// <summary>
    /// The provider answered 200 but the answer could not be used (unparseable, or an error object in a 200). The
    /// provider did the work and bills it, so the retry layer tries such a call again at most once.
    /// </summary>
    public bool UnreadableAnswer { get; init; }

    /// <summary>
    /// The provider may have billed this attempt although no answer was stored: an unreadable 200, or an attempt that
    /// timed out after it was sent. Set on the exception each attempt throws, so a ledger around the provider client
    /// can count it.
    /// </summary>
    public bool MayHaveBeenBilled { get; init; }

    /// <summary>Usage the provider reported in an answer that was otherwise unusable, when it could be read.</summary>
    public TokenUsage? BilledUsage { get; init; }

    /// <summary>
    /// No connection was made: refused, the host name did not resolve, or the connection could not be opened. Nothing
    /// was sent or billed, and the provider is not known to be there (<see cref="Resilience.ProviderReachability"/>).
    /// </summary>
    public bool NoConnection { get; init; }

    /// <summary>How many attempts the call made before this failure was final (set by the retry layer).</summary>
    public int Attempts { get; init; } = 1;
}
