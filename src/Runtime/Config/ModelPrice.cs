namespace ItemEval.Runtime.Config;

/// <summary>List price in USD per million tokens.</summary>
public sealed record ModelPrice(decimal InputPerMillion, decimal OutputPerMillion);
