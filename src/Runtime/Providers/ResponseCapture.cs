using System.Net.Http.Headers;

namespace ItemEval.Runtime.Providers;

/// <summary>
/// Keeps the status, headers and body of the last HTTP response of the current call, for an SDK that does not expose
/// them where we need them: Anthropic's exceptions carry no Retry-After, and it keeps no body of a 200 it failed to
/// parse, which the transcript must show. (The OpenAI client reads both from the SDK's raw response instead.) The
/// headers are kept by reference and read only for the few limit headers asked for, never copied per call. The caller starts a fresh <see cref="CapturedResponse"/> before
/// the call; the handler fills it, and the value survives back up the async call chain because the object is shared.
/// </summary>
public sealed class ResponseCapture : DelegatingHandler
{
    private static readonly AsyncLocal<CapturedResponse?> Current = new();

    public ResponseCapture()
        : base(new HttpClientHandler())
    {
    }

    public static CapturedResponse Begin()
    {
        var slot = new CapturedResponse();
        Current.Value = slot;
        return slot;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (Current.Value is { } slot)
        {
            slot.StatusCode = (int)response.StatusCode;
            slot.Headers = response.Headers;
            slot.ContentHeaders = response.Content.Headers;

            // Buffered, so the SDK still reads the same content after us.
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            slot.Body = await response.Content.ReadAsStringAsync(cancellationToken);
        }

        return response;
    }

    /// <summary>The captured response of one call.</summary>
    public sealed class CapturedResponse
    {
        public int? StatusCode { get; set; }

        public HttpHeaders? Headers { get; set; }

        public HttpHeaders? ContentHeaders { get; set; }

        public string? Body { get; set; }

        /// <summary>The provider answered 200: whatever fails after this, the provider did the work.</summary>
        public bool Answered => StatusCode is >= 200 and < 300;

        public RateLimitHeaders? RateLimits() => RateLimitHeaderParser.Parse(Header, DateTimeOffset.UtcNow);

        /// <summary>A header's values joined by commas, wherever it is (response or content headers), or null.</summary>
        public string? Header(string name) =>
            Headers is not null && Headers.TryGetValues(name, out var values) ? string.Join(",", values)
            : ContentHeaders is not null && ContentHeaders.TryGetValues(name, out values) ? string.Join(",", values)
            : null;
    }
}
