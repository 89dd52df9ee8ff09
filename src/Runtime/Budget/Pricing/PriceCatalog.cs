using System.Globalization;
using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Budget.Pricing;

/// <summary>
/// One source of prices: USD per million tokens by model id, the batch discount per provider (the share of list price
/// a batch job takes off), and when it was compiled or fetched, so every cost-bearing target can say how old it is.
/// </summary>
/// <param name="AsOf">When the prices were compiled or fetched; null for the study's own overrides.</param>
public sealed record PriceCatalog(
    string Name,
    DateTimeOffset? AsOf,
    IReadOnlyDictionary<string, ModelPrice> Models,
    IReadOnlyDictionary<string, decimal> BatchDiscounts)
{
    public static readonly IReadOnlyDictionary<string, decimal> NoDiscounts = new Dictionary<string, decimal>();

    public double? AgeDays(DateTimeOffset now) => AsOf is { } asOf ? Math.Max(0, (now - asOf).TotalDays) : null;

    /// <summary>e.g. <c>packaged table of 2026-12-02 (3 days old, 32 models)</c>.</summary>
    public string Describe(DateTimeOffset now) => AgeDays(now) is { } age
        ? $"{Name} of {AsOf!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({Math.Floor(age).ToString(CultureInfo.InvariantCulture)} days old, {Models.Count} models)"
        : $"{Name} ({Models.Count} models)";
}
