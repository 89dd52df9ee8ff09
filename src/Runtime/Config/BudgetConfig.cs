namespace ItemEval.Runtime.Config;

/// <summary>The hard spending cap and price overrides (USD per million tokens) keyed by model id.</summary>
public sealed record BudgetConfig(
    decimal? MaxUsd,
    IReadOnlyDictionary<string, ModelPrice> Prices,
    SourceLocation? Location)
{
    public static BudgetConfig Unlimited { get; } = new(null, new Dictionary<string, ModelPrice>(), null);
}
