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
        var prices = reader.Node(map, "prices") is { } pricesNode ? PriceMapSection.Read(reader, pricesNode, "budget.prices") : new Dictionary<string, ModelPrice>(StringComparer.Ordinal);
        var policy = reader.OneOf(map, "policy", "budget", StudySchema.Policies);
        var devItems = reader.Int(map, "dev_items", "budget", min: 1) ?? BudgetConfig.DefaultDevItems;
        var devItemsFrom = reader.OneOf(map, "dev_items_from", "budget", StudySchema.DevItemsFrom) ?? BudgetConfig.DevFromFirst;
        var confirmAbove = reader.Node(map, "confirm_above_usd") is { } confirm ? reader.Decimal(confirm, "budget.confirm_above_usd") : null;
        var maxAge = reader.Int(map, "pricing_max_age_days", "budget", min: 0);
        var pricingPath = reader.String(map, "pricing_path", "budget");
        return new BudgetConfig(maxUsd, prices, reader.At(node), policy, devItems, confirmAbove, maxAge, pricingPath, devItemsFrom);
    }
}
