using System.Globalization;

namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>A model's calls held for the provider's rate limit: for how long and why.</summary>
/// <param name="Model">The <c>provider/model</c> key.</param>
/// <param name="Delay">How long until the hold ends (Retry-After, or the reset time the headers gave).</param>
/// <param name="Reason">What the provider said: <c>429</c>, or <c>remaining 3 of 300 requests</c> (all of them since sent).</param>
public sealed record RateLimitHold(string Model, TimeSpan Delay, string Reason)
{
    /// <summary>The progress line, e.g. <c>openai/x: waiting 12 s for the rate limit (remaining 3 of 300 requests)</c>.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Model}: waiting {Delay.TotalSeconds:0.#} s for the rate limit ({Reason})");
}
