using System.Text.Json;

namespace ItemEval.Runtime.Providers;

/// <summary>
/// Turns provider failures into <see cref="ModelCallException"/>: 408, 409, 429, 5xx and Anthropic's 529 are
/// transient (the retry layer may try again); 400/401/403/404 are not. Network failures and timeouts are transient.
/// </summary>
public static class ProviderErrors
{
    public static bool IsTransient(int status) => status is 408 or 409 or 429 or >= 500;

    public static ModelCallException FromStatus(int status, string message, RateLimitHeaders? headers, Exception? inner = null) =>
        new(message, status, IsTransient(status), headers, inner);

    /// <summary>A failure of the connection or of the response's shape, not a refusal by the provider.</summary>
    public static bool IsTransport(Exception error, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && error is HttpRequestException or TaskCanceledException or TimeoutException or IOException or JsonException or FormatException or InvalidOperationException;

    public static ModelCallException Transport(Exception error) => error switch
    {
        TaskCanceledException or TimeoutException => new ModelCallException("the request timed out", null, isTransient: true, inner: error) { MayHaveBeenBilled = true },
        JsonException or FormatException or InvalidOperationException => new ModelCallException($"the provider's response could not be read: {error.Message}", null, isTransient: true, inner: error) { MayHaveBeenBilled = true },
        _ => new ModelCallException($"could not reach the provider: {error.Message}", null, isTransient: true, inner: error),
    };
}
