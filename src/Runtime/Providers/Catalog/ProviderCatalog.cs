using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Providers.Catalog;

/// <summary>
/// Every provider ItemEval knows, with the usual key and base-URL variables. A model's <c>base_url</c> option
/// overrides the variable, which overrides the default — that is also how tests point real clients at a fake server.
/// </summary>
public static class ProviderCatalog
{
    private static readonly Dictionary<string, ProviderInfo> Providers = new ProviderInfo[]
    {
        new("mock", WireFormat.Mock, [], false, "", ""),
        new("openai", WireFormat.OpenAIChat, ["OPENAI_API_KEY"], true, "OPENAI_BASE_URL", "https://api.openai.com/v1"),
        new("anthropic", WireFormat.AnthropicMessages, ["ANTHROPIC_API_KEY"], true, "ANTHROPIC_BASE_URL", "https://api.anthropic.com"),
        new("google", WireFormat.GeminiGenerateContent, ["GEMINI_API_KEY", "GOOGLE_API_KEY"], true, "GEMINI_BASE_URL", "https://generativelanguage.googleapis.com"),
        new("together", WireFormat.OpenAIChat, ["TOGETHER_API_KEY"], true, "TOGETHER_BASE_URL", "https://api.together.xyz/v1"),
        new("openrouter", WireFormat.OpenAIChat, ["OPENROUTER_API_KEY"], true, "OPENROUTER_BASE_URL", "https://openrouter.ai/api/v1"),
        new("xai", WireFormat.OpenAIChat, ["XAI_API_KEY"], true, "XAI_BASE_URL", "https://api.x.ai/v1"),
        new("vllm", WireFormat.OpenAIChat, ["VLLM_API_KEY"], false, "VLLM_BASE_URL", "http://localhost:8000/v1"),
        new("ollama", WireFormat.OpenAIChat, ["OLLAMA_API_KEY"], false, "OLLAMA_BASE_URL", "http://localhost:11434/v1"),
    }.ToDictionary(provider => provider.Name, StringComparer.Ordinal);

    /// <summary>The provider names study.yaml accepts before the slash of a model id, in catalog order.</summary>
    public static IReadOnlyList<string> Names { get; } = Providers.Keys.ToList();

    public static ProviderInfo For(string provider) =>
        Providers.TryGetValue(provider, out var info) ? info : throw new ArgumentException($"unknown provider '{provider}'", nameof(provider));

    public static string BaseUrl(ModelConfig model, IEnvironment environment)
    {
        var info = For(model.Provider);
        return model.Options.GetValueOrDefault("base_url") ?? environment.Get(info.BaseUrlVariable) ?? info.DefaultBaseUrl;
    }

    /// <summary>The key, or a placeholder for local servers that need none; null when a required key is missing.</summary>
    public static string? Key(ModelConfig model, IEnvironment environment)
    {
        var info = For(model.Provider);
        return info.KeyVariables.Select(environment.Get).FirstOrDefault(value => value is not null) ?? (info.KeyRequired ? null : "not-needed");
    }

    /// <summary>Before any call: every model about to be called has its key, or an error naming the variable.</summary>
    public static IReadOnlyList<Diagnostic> CheckKeys(IEnumerable<ModelConfig> models, IEnvironment environment) =>
        models.DistinctBy(model => model.Id)
            .Where(model => For(model.Provider).Format != WireFormat.Mock && Key(model, environment) is null)
            .Select(model => Diagnostic.Error(
                DiagnosticCodes.MissingApiKey,
                $"{model.Id} needs {string.Join(" or ", For(model.Provider).KeyVariables)}: set it in the environment (keys are never read from study.yaml)",
                model.Location))
            .ToList();
}
