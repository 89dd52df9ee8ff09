using System.Net.Http;
using System.Net.Sockets;

namespace ItemEval.Runtime.Providers;

/// <summary>
/// Turns whatever went wrong in one attempt into a <see cref="ModelCallException"/> whose message is one sentence
/// saying what happened: a refusal with its status (408, 409, 429, 5xx and Anthropic's 529 are transient;
/// 400/401/403/404 are not), an answer that could not be used, or a connection that failed.
/// </summary>
public static class ProviderErrors
{
    public static bool IsTransient(int status) => status is 408 or 409 or 429 or >= 500;

    /// <summary><c>HTTP 500 server_error "The server had an error"</c>, from the error object in the body when there is one.</summary>
    public static ModelCallException FromStatus(int status, string? body, string fallbackMessage, RateLimitHeaders? headers, Exception? inner = null)
    {
        var error = ProviderError.InBody(body) ?? new ProviderError(null, fallbackMessage);
        return new ModelCallException($"HTTP {status} {error}".TrimEnd(), status, IsTransient(status), headers, inner) { RawBody = body };
    }

    /// <summary>
    /// A 200 whose answer cannot be used: the provider's error object where an answer should be, a body that is not
    /// JSON, or JSON without the answer's parts. The provider worked and bills it. An error object is transient when
    /// its type says so; a broken body is transient (the retry layer asks again once).
    /// </summary>
    public static ModelCallException UnreadableAnswer(string? body, Exception? inner, RateLimitHeaders? headers = null, TokenUsage? usage = null)
    {
        var error = ProviderError.InBody(body);
        var message = error is not null
            ? $"HTTP 200 with an error instead of an answer: {error}"
            : $"HTTP 200 with an answer that could not be read ({Reason(inner)})";
        return new ModelCallException(message, 200, error?.IsTransient ?? true, headers, inner)
        {
            RawBody = body,
            UnreadableAnswer = true,
            MayHaveBeenBilled = true,
            BilledUsage = usage,
        };
    }

    /// <summary>
    /// The connection failed or the client's own network timeout ran out. Resets and refusals are transient for every
    /// provider, whichever SDK reported them and however deeply it wrapped the socket error.
    /// </summary>
    public static ModelCallException Transport(Exception error, Uri endpoint)
    {
        var where = $"{endpoint.Host}:{endpoint.Port}";
        var chain = Chain(error).ToList();
        var socket = chain.OfType<SocketException>().FirstOrDefault()?.SocketErrorCode;
        var request = chain.OfType<HttpRequestException>().FirstOrDefault()?.HttpRequestError;
        var timedOut = chain.Any(exception => exception is TimeoutException or TaskCanceledException);
        var message = (socket, request) switch
        {
            (SocketError.ConnectionRefused, _) => $"connection refused at {where}",
            (SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown, _) => "connection reset by the provider",
            (SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain, _) or (_, HttpRequestError.NameResolutionError) => $"could not resolve {endpoint.Host}",
            (_, HttpRequestError.ResponseEnded) => "connection reset by the provider (it closed the connection without answering)",
            (_, HttpRequestError.ConnectionError) => $"could not connect to {where}: {Innermost(error).Message}",
            _ when timedOut => $"timed out: no answer from {where} before the client's network timeout",
            _ => $"could not reach the provider at {where}: {Innermost(error).Message}",
        };

        // A request that timed out was sent and may be worked on (and billed) by the provider all the same.
        return new ModelCallException(message, null, isTransient: true, inner: error)
        {
            MayHaveBeenBilled = timedOut && socket is null,
            NoConnection = socket is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain
                || request is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError,
        };
    }

    private static string Reason(Exception? error) =>
        error is null ? "no answer in the body" : error.Message;

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (Exception? current = error; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    private static Exception Innermost(Exception error) => Chain(error).Last();
}
