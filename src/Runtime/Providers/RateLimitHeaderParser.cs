using System.Globalization;
using System.Text.RegularExpressions;

namespace ItemEval.Runtime.Providers;

/// <summary>
/// Normalises the limit headers of each provider: OpenAI's <c>x-ratelimit-*</c> (resets like "1s", "6m0s",
/// "120ms"), Anthropic's <c>anthropic-ratelimit-*</c> (resets as RFC 3339 times) and <c>retry-after</c> (seconds or
/// an HTTP date; <c>retry-after-ms</c> preferred when present).
/// </summary>
public static partial class RateLimitHeaderParser
{
    public static RateLimitHeaders? Parse(Func<string, string?> header, DateTimeOffset now)
    {
        var result = new RateLimitHeaders(
            RemainingRequests: Int(header("x-ratelimit-remaining-requests") ?? header("anthropic-ratelimit-requests-remaining")),
            RemainingTokens: Int(header("x-ratelimit-remaining-tokens") ?? header("anthropic-ratelimit-tokens-remaining")),
            ResetRequests: Duration(header("x-ratelimit-reset-requests")) ?? Until(header("anthropic-ratelimit-requests-reset"), now),
            ResetTokens: Duration(header("x-ratelimit-reset-tokens")) ?? Until(header("anthropic-ratelimit-tokens-reset"), now),
            RetryAfter: RetryAfter(header("retry-after-ms"), header("retry-after"), now),
            LimitRequests: Int(header("x-ratelimit-limit-requests") ?? header("anthropic-ratelimit-requests-limit")),
            LimitTokens: Int(header("x-ratelimit-limit-tokens") ?? header("anthropic-ratelimit-tokens-limit")));
        return result == new RateLimitHeaders() ? null : result;
    }

    /// <summary>"1s", "6m0s", "120ms", "1h2m3.5s".</summary>
    public static TimeSpan? Duration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var matches = DurationPart().Matches(text);
        if (matches.Count == 0)
        {
            return null;
        }

        var total = TimeSpan.Zero;
        foreach (Match match in matches)
        {
            var value = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            total += match.Groups["u"].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                _ => TimeSpan.FromHours(value),
            };
        }

        return total;
    }

    private static TimeSpan? RetryAfter(string? milliseconds, string? text, DateTimeOffset now)
    {
        if (double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? Max0(date - now) : null;
    }

    private static TimeSpan? Until(string? text, DateTimeOffset now) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? Max0(date - now) : null;

    private static TimeSpan Max0(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;

    private static int? Int(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    [GeneratedRegex(@"(?<n>\d+(?:\.\d+)?)(?<u>ms|s|m|h)")]
    private static partial Regex DurationPart();
}
