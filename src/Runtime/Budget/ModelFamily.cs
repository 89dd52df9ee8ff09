using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers.Anthropic;
using ItemEval.Runtime.Providers.Catalog;

namespace ItemEval.Runtime.Budget;

/// <summary>
/// What the estimate needs to know about a model beyond its price: whether it reasons by default, and how many output
/// tokens a call may produce when the lane sets no <c>max_tokens</c>. Every provider counts reasoning/thinking inside
/// that cap (OpenAI <c>max_completion_tokens</c>, Anthropic <c>max_tokens</c> with <c>budget_tokens</c> below it,
/// Gemini <c>maxOutputTokens</c>).
/// </summary>
public static class ModelFamily
{
    /// <summary>When a model is not listed and the lane sets no cap: large enough not to under-reserve most models.</summary>
    public const int UnknownMaxOutputTokens = 32_768;

    // The providers' published maximum output per call (tokens), 2026-12.
    private static readonly Dictionary<string, int> MaxOutput = new(StringComparer.OrdinalIgnoreCase)
    {
        ["openai/gpt-4o"] = 16_384,
        ["openai/gpt-4o-mini"] = 16_384,
        ["openai/gpt-4.1"] = 32_768,
        ["openai/gpt-4.1-mini"] = 32_768,
        ["openai/o3"] = 100_000,
        ["openai/o3-mini"] = 100_000,
        ["openai/o4-mini"] = 100_000,
        ["openai/gpt-5"] = 128_000,
        ["openai/gpt-5-mini"] = 128_000,
        ["google/gemini-2.5-flash"] = 65_536,
        ["google/gemini-2.5-pro"] = 65_536,
    };

    public static bool ReasonsByDefault(string modelId)
    {
        var (provider, model) = Split(modelId);
        return (provider == "openai" && ParameterPolicy.IsOpenAIReasoningModel(model))
            || (provider == "google" && model.StartsWith("gemini-2.5", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The most output tokens (reasoning included) one call can be billed for.</summary>
    public static int OutputCap(string modelId, int? maxTokens)
    {
        if (maxTokens is { } cap)
        {
            return cap;
        }

        // Anthropic requires max_tokens, so the client always sends one: that default is the cap.
        if (Split(modelId).Provider == "anthropic")
        {
            return AnthropicRequestBody.DefaultMaxTokens;
        }

        return MaxOutput.GetValueOrDefault(modelId, UnknownMaxOutputTokens);
    }

    /// <summary>The parameters the provider will actually receive (a reasoning effort sent to gpt-4o is dropped).</summary>
    public static LaneParameters Effective(string modelId, LaneParameters requested)
    {
        var (provider, model) = Split(modelId);
        return StudySchema.Providers.Contains(provider, StringComparer.Ordinal) ? ParameterPolicy.Effective(provider, model, requested) : requested;
    }

    /// <summary>Whether the provider's input count contains its cached tokens (<see cref="CacheCounting"/>).</summary>
    public static CacheCounting CacheCountingOf(string modelId)
    {
        var provider = Split(modelId).Provider;
        return StudySchema.Providers.Contains(provider, StringComparer.Ordinal) && ProviderCatalog.For(provider).Format == WireFormat.AnthropicMessages
            ? CacheCounting.BesideInput
            : CacheCounting.InsideInput;
    }

    private static (string Provider, string Model) Split(string modelId) =>
        modelId.Split('/', 2) is [var provider, var model] ? (provider, model) : ("", modelId);
}
