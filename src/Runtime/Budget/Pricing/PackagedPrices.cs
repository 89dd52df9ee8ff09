using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Budget.Pricing;

/// <summary>
/// The price table shipped inside ItemEval (<c>packaged-prices.json</c>, an embedded resource): list prices for the
/// common OpenAI, Anthropic, Google, Together and xAI models and each provider's batch discount, with the date it was
/// compiled. It is the last layer of every <see cref="PriceTable"/>; fetched catalogs and the study's own prices win.
/// </summary>
public static class PackagedPrices
{
    private const string Resource = "ItemEval.Runtime.packaged-prices.json";

    private static readonly Lazy<PriceCatalog> Loaded = new(Load);

    public static PriceCatalog Catalog => Loaded.Value;

    private static PriceCatalog Load()
    {
        using var stream = typeof(PackagedPrices).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{Resource} is missing from the runtime assembly");
        var file = JsonSerializer.Deserialize<PackagedFile>(stream) ?? throw new InvalidOperationException($"{Resource} is empty");
        var compiled = DateTimeOffset.ParseExact(file.Compiled, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return new PriceCatalog(
            "packaged table",
            compiled,
            file.Models.ToDictionary(pair => pair.Key, pair => pair.Value.ToPrice(), StringComparer.OrdinalIgnoreCase),
            file.Providers.ToDictionary(pair => pair.Key, pair => pair.Value.BatchDiscount, StringComparer.Ordinal));
    }

    private sealed record PackagedFile(
        [property: JsonPropertyName("compiled")] string Compiled,
        [property: JsonPropertyName("providers")] Dictionary<string, PackagedProvider> Providers,
        [property: JsonPropertyName("models")] Dictionary<string, PackagedPrice> Models);

    private sealed record PackagedProvider([property: JsonPropertyName("batch_discount")] decimal BatchDiscount);

    private sealed record PackagedPrice(
        [property: JsonPropertyName("input")] decimal Input,
        [property: JsonPropertyName("output")] decimal Output,
        [property: JsonPropertyName("cache_read")] decimal? CacheRead,
        [property: JsonPropertyName("cache_write")] decimal? CacheWrite)
    {
        public ModelPrice ToPrice() => new(Input, Output, CacheRead, CacheWrite);
    }
}
