namespace ItemEval.Runtime.Providers;

/// <summary>
/// A call that failed. <see cref="IsTransient"/> (429, 5xx, Anthropic 529, timeouts) tells the retry layer it may
/// try again; once retries are spent the cell is stored as an error with <see cref="Exception.Message"/>.
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

    /// <summary>
    /// The request reached the provider and it may have billed it although no answer was read: a 200 with a broken
    /// body, or a timeout while it worked. The ledger records such attempts as unconfirmed.
    /// </summary>
    public bool MayHaveBeenBilled { get; init; }
}
