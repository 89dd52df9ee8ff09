using System.Globalization;
using System.Text.Json;
using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Budget.Pricing;

/// <summary>
/// Reads OpenRouter's model list (<c>GET /api/v1/models</c>: <c>{"data": [{"id": "openai/gpt-4o-mini", "pricing":
/// {"prompt": "0.00000015", "completion": "0.0000006", "input_cache_read": "…", "input_cache_write": "…"}}]}</c>, USD per
/// token as strings) into prices per million tokens. Each model is listed under <c>openrouter/&lt;id&gt;</c> (a study
/// that calls it through OpenRouter) and, for providers ItemEval calls directly, under ItemEval's own id:
/// <c>x-ai/…</c> becomes <c>xai/…</c>, and Anthropic's dotted versions (<c>claude-haiku-4.5</c>) become dashed
/// (<c>claude-haiku-4-5</c>). Entries without a usable price (OpenRouter marks variable-price routers with -1) are skipped.
/// </summary>
public static class OpenRouterCatalog
{
    private static readonly Dictionary<string, string> DirectProviders = new(StringComparer.Ordinal)
    {
        ["openai"] = "openai",
        ["anthropic"] = "anthropic",
        ["google"] = "google",
        ["x-ai"] = "xai",
    };

    public static PriceCatalog Parse(JsonElement response, DateTimeOffset fetchedAt)
    {
        var models = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
        if (response.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in data.EnumerateArray())
            {
                if (entry.TryGetProperty("id", out var idElement) && idElement.GetString() is { Length: > 0 } id
                    && entry.TryGetProperty("pricing", out var pricing) && Price(pricing) is { } price)
                {
                    models["openrouter/" + id] = price;
                    if (DirectId(id) is { } direct)
                    {
                        models.TryAdd(direct, price);
                    }
                }
            }
        }

        return new PriceCatalog("OpenRouter catalog", fetchedAt, models, PriceCatalog.NoDiscounts);
    }

    private static string? DirectId(string id)
    {
        if (id.Split('/', 2) is not [var provider, var model] || !DirectProviders.TryGetValue(provider, out var ours))
        {
            return null;
        }

        // OpenRouter's variants (":free", ":beta") are not what a direct call is billed at.
        if (model.Contains(':', StringComparison.Ordinal))
        {
            return null;
        }

        return $"{ours}/{(ours == "anthropic" ? model.Replace('.', '-') : model)}";
    }

    private static ModelPrice? Price(JsonElement pricing)
    {
        var input = PerMillion(pricing, "prompt");
        var output = PerMillion(pricing, "completion");
        if (input is null || output is null)
        {
            return null;
        }

        return new ModelPrice(input.Value, output.Value, PerMillion(pricing, "input_cache_read") ?? PerMillion(pricing, "input_cache_reads"), PerMillion(pricing, "input_cache_write") ?? PerMillion(pricing, "input_cache_writes"));
    }

    private static decimal? PerMillion(JsonElement pricing, string name)
    {
        if (!pricing.TryGetProperty(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var perToken) && perToken >= 0 ? perToken * 1_000_000m : null;
    }
}
