using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers.Catalog;

namespace ItemEval.Runtime.Batches;

/// <summary>The batch API of a model's provider, at the base URL and with the key its interactive client uses.</summary>
internal static class ProviderBatchApis
{
    public static IProviderBatchApi For(ModelConfig model, IEnvironment environment)
    {
        var baseUrl = ProviderCatalog.BaseUrl(model, environment);
        var key = ProviderCatalog.Key(model, environment) ?? "";
        return model.Provider == "anthropic" ? new AnthropicBatchApi(baseUrl, key) : new OpenAIBatchApi(baseUrl, key);
    }
}
