namespace ItemEval.FakeProviders;

/// <summary>
/// A model's list price in USD per million tokens, for <see cref="FakeProviderServer.BilledUsd"/>. The cache rates
/// default to the input rate, as study.yaml's <c>budget.prices</c> do.
/// </summary>
public sealed record FakePrice(decimal InputPerMillion, decimal OutputPerMillion, decimal? CacheReadPerMillion = null, decimal? CacheWritePerMillion = null)
{
    /// <summary>What a batch request costs as a share of the list price (OpenAI and Anthropic both bill half, cache rates included).</summary>
    public const decimal BatchDiscount = 0.5m;

    public decimal CacheReadRate => CacheReadPerMillion ?? InputPerMillion;

    public decimal CacheWriteRate => CacheWritePerMillion ?? InputPerMillion;
}
