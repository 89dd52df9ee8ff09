using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers.Anthropic;
using ItemEval.Runtime.Providers.Google;
using ItemEval.Runtime.Providers.Mock;
using ItemEval.Runtime.Providers.OpenAI;
using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Runtime.Providers.Catalog;

/// <summary>Creates the provider's own client for a model (no decorators): the SDK or REST client behind its wire format.</summary>
public static class ModelClientFactory
{
    public static IModelClient Create(ModelConfig model, IEnvironment environment)
    {
        var info = ProviderCatalog.For(model.Provider);
        if (info.Format == WireFormat.Mock)
        {
            return new MockModelClient();
        }

        var key = ProviderCatalog.Key(model, environment)
            ?? throw new StudyException(ProviderCatalog.CheckKeys([model], environment));
        var baseUrl = ProviderCatalog.BaseUrl(model, environment);

        // The SDKs' own network timeout is only a backstop behind the attempt timeout, never shorter than it.
        var network = TimeSpan.FromMinutes(10) + RetryOptions.For(model).AttemptTimeout;
        return info.Format switch
        {
            WireFormat.OpenAIChat => new OpenAIModelClient(model.Provider, model.ModelName, baseUrl, key, network),
            WireFormat.AnthropicMessages => new AnthropicModelClient(model.ModelName, baseUrl, key, network),
            _ => new GeminiModelClient(model.ModelName, baseUrl, key, network),
        };
    }
}
