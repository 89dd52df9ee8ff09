namespace ItemEval.Runtime.Providers;

/// <summary>
/// Keeps the headers of the last HTTP response of the current call, for SDKs whose errors do not expose them
/// (Anthropic's exceptions carry no Retry-After). The caller sets a fresh <see cref="Slot"/> before the call; the
/// handler fills it, and the value survives back up the async call chain because the slot object is shared.
/// </summary>
public sealed class ResponseHeaderCapture : DelegatingHandler
{
    private static readonly AsyncLocal<HeaderSlot?> Current = new();

    public ResponseHeaderCapture()
        : base(new HttpClientHandler())
    {
    }

    public static HeaderSlot Begin()
    {
        var slot = new HeaderSlot();
        Current.Value = slot;
        return slot;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (Current.Value is { } slot)
        {
            slot.Headers = response.Headers.Concat(response.Content.Headers)
                .GroupBy(header => header.Key.ToLowerInvariant())
                .ToDictionary(group => group.Key, group => string.Join(",", group.SelectMany(header => header.Value)), StringComparer.Ordinal);
        }

        return response;
    }

    /// <summary>The captured headers of one call.</summary>
    public sealed class HeaderSlot
    {
        public IReadOnlyDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>();

        public RateLimitHeaders? RateLimits() => RateLimitHeaderParser.Parse(name => Headers.GetValueOrDefault(name), DateTimeOffset.UtcNow);
    }
}
