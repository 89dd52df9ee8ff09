namespace ItemEval.FakeProviders;

/// <summary>A model's list price in USD per million tokens, for <see cref="FakeProviderServer.BilledUsd"/>.</summary>
public sealed record FakePrice(decimal InputPerMillion, decimal OutputPerMillion)
{
    /// <summary>What a batch request costs as a share of the list price (OpenAI and Anthropic both bill half).</summary>
    public const decimal BatchDiscount = 0.5m;
}
