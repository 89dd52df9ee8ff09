using YamlDotNet.RepresentationModel;

namespace ItemEval.Runtime.Config;

/// <summary>Reads <c>budget:</c>: the hard cap, price overrides (input, output, and optional cache_read/cache_write), the run policy and the pricing keys.</summary>
internal static class BudgetSection
{
    public static BudgetConfig Read(ConfigReader reader, YamlMappingNode root)
    {
        var node = reader.Node(root, "budget");
        if (node is null || reader.Mapping(node, "budget", StudySchema.Budget) is not { } map)
        {
            return BudgetConfig.Unlimited;
        }

        var maxUsd = reader.Node(map, "max_usd") is { } cap ? reader.Decimal(cap, "budget.max_usd") : null;
        var prices = new Dictionary<string, ModelPrice>(StringComparer.Ordinal);
        if (reader.Node(map, "prices") is { } pricesNode && reader.Mapping(pricesNode, "budget.prices", []) is { } priceMap)
        {
            // Keys here are model ids, not schema keys: the unknown-key report above does not apply to them.
            reader.Diagnostics.RemoveAll(diagnostic => diagnostic.Code == DiagnosticCodes.UnknownKey && diagnostic.Message.Contains("in budget.prices:", StringComparison.Ordinal));
            foreach (var (key, value) in priceMap.Children)
            {
                var model = ((YamlScalarNode)key).Value ?? "";
                if (reader.Mapping(value, $"the price of '{model}'", StudySchema.Price) is not { } price)
                {
                    continue;
                }

                var input = reader.Required(price, "input", $"the price of '{model}'") is { } inputNode ? reader.Decimal(inputNode, $"budget.prices.{model}.input") : null;
                var output = reader.Required(price, "output", $"the price of '{model}'") is { } outputNode ? reader.Decimal(outputNode, $"budget.prices.{model}.output") : null;
                var cacheRead = reader.Node(price, "cache_read") is { } readNode ? reader.Decimal(readNode, $"budget.prices.{model}.cache_read") : null;
                var cacheWrite = reader.Node(price, "cache_write") is { } writeNode ? reader.Decimal(writeNode, $"budget.prices.{model}.cache_write") : null;
                if (input is not null && output is not null)
                {
                    prices[model] = new ModelPrice(input.Value, output.Value, cacheRead, cacheWrite);
                }
            }
        }

        var policy = reader.OneOf(map, "policy", "budget", StudySchema.Policies);
        var devItems = reader.Int(map, "dev_items", "budget", min: 1) ?? BudgetConfig.DefaultDevItems;
        var confirmAbove = reader.Node(map, "confirm_above_usd") is { } confirm ? reader.Decimal(confirm, "budget.confirm_above_usd") : null;
        var maxAge = reader.Int(map, "pricing_max_age_days", "budget", min: 0);
        var pricingPath = reader.String(map, "pricing_path", "budget");
        return new BudgetConfig(maxUsd, prices, reader.At(node), policy, devItems, confirmAbove, maxAge, pricingPath);
    }
}
