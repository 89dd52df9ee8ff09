namespace ItemEval.Runtime.Providers;

/// <summary>
/// Keeps the status, headers and body of the last HTTP response of the current call, for SDKs that do not expose
/// them where we need them: Anthropic's exceptions carry no Retry-After, and neither SDK keeps the body of a 200 it
/// failed to parse, which the transcript must show. The caller starts a fresh <see cref="CapturedResponse"/> before
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
            slot.Headers = response.Headers.Concat(response.Content.Headers)
                .GroupBy(header => header.Key.ToLowerInvariant())
                .ToDictionary(group => group.Key, group => string.Join(",", group.SelectMany(header => header.Value)), StringComparer.Ordinal);

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

        public IReadOnlyDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>();

        public string? Body { get; set; }

        /// <summary>The provider answered 200: whatever fails after this, the provider did the work.</summary>
        public bool Answered => StatusCode is >= 200 and < 300;

        public RateLimitHeaders? RateLimits() => RateLimitHeaderParser.Parse(name => Headers.GetValueOrDefault(name), DateTimeOffset.UtcNow);
    }
}
