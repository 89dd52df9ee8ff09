namespace ItemEval.Runtime.Budget;

/// <summary>
/// What a provider bills for a batch request as a share of its list price. OpenAI, Anthropic and Together all bill half;
/// a provider not listed gets <see cref="Default"/>.
/// </summary>
public static class BatchDiscount
{
    public const decimal Default = 0.5m;

    private static readonly Dictionary<string, decimal> ByProvider = new(StringComparer.Ordinal)
    {
        ["openai"] = 0.5m,
        ["anthropic"] = 0.5m,
        ["together"] = 0.5m,
    };

    public static decimal For(string provider) => ByProvider.GetValueOrDefault(provider, Default);
}
