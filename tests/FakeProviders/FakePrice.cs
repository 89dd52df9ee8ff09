namespace ItemEval.FakeProviders;

/// <summary>A model's list price in USD per million tokens, for <see cref="FakeProviderServer.BilledUsd"/>.</summary>
public sealed record FakePrice(decimal InputPerMillion, decimal OutputPerMillion);
