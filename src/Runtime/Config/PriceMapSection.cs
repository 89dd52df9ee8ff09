using YamlDotNet.RepresentationModel;

namespace ItemEval.Runtime.Config;

/// <summary>
/// Reads a mapping of model id → <c>{input, output, cache_read?, cache_write?}</c> (USD per million tokens): study.yaml's
/// <c>budget.prices</c> and the models of a price table of the user's own.
/// </summary>
internal static class PriceMapSection
{
    /// <param name="what">Where the mapping is, for messages (e.g. <c>budget.prices</c>).</param>
    public static Dictionary<string, ModelPrice> Read(ConfigReader reader, YamlNode node, string what)
    {
        var prices = new Dictionary<string, ModelPrice>(StringComparer.Ordinal);
        if (reader.Mapping(node, what, []) is not { } priceMap)
        {
            return prices;
        }

        // Keys here are model ids, not schema keys: the unknown-key report above does not apply to them.
        reader.Diagnostics.RemoveAll(diagnostic => diagnostic.Code == DiagnosticCodes.UnknownKey && diagnostic.Message.Contains($"in {what}:", StringComparison.Ordinal));
        foreach (var (key, value) in priceMap.Children)
        {
            var model = ((YamlScalarNode)key).Value ?? "";
            if (reader.Mapping(value, $"the price of '{model}'", StudySchema.Price) is not { } price)
            {
                continue;
            }

            var input = reader.Required(price, "input", $"the price of '{model}'") is { } inputNode ? reader.Decimal(inputNode, $"{what}.{model}.input") : null;
            var output = reader.Required(price, "output", $"the price of '{model}'") is { } outputNode ? reader.Decimal(outputNode, $"{what}.{model}.output") : null;
            var cacheRead = reader.Node(price, "cache_read") is { } readNode ? reader.Decimal(readNode, $"{what}.{model}.cache_read") : null;
            var cacheWrite = reader.Node(price, "cache_write") is { } writeNode ? reader.Decimal(writeNode, $"{what}.{model}.cache_write") : null;
            if (input is not null && output is not null)
            {
                prices[model] = new ModelPrice(input.Value, output.Value, cacheRead, cacheWrite);
            }
        }

        return prices;
    }
}
