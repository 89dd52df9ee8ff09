using ItemEval.Runtime.Budget.Pricing;

namespace ItemEval.Runtime.Tests.Budget.Pricing;

public sealed class PackagedPricesTests
{
    [Fact]
    public void The_packaged_table_prices_each_providers_common_models_and_knows_its_compile_date_and_batch_discounts()
    {
        var catalog = PackagedPrices.Catalog;

        foreach (var provider in new[] { "openai", "anthropic", "google", "together", "xai" })
        {
            Assert.Contains(catalog.Models.Keys, model => model.StartsWith(provider + "/", StringComparison.Ordinal));
            Assert.True(catalog.BatchDiscounts.ContainsKey(provider), provider);
        }

        Assert.All(catalog.Models.Values, price => Assert.True(price.InputPerMillion > 0 && price.OutputPerMillion >= price.InputPerMillion * 0.5m));
        Assert.Equal(0.5m, catalog.BatchDiscounts["anthropic"]);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), catalog.AsOf);
    }
}
