using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Providers.Catalog;

/// <summary>
/// What a lane's parameters become on the wire for a given model. Reasoning models (o-series, gpt-5 family) reject
/// temperature and top_p, so those are omitted (not set to a default); only they get reasoning_effort. With Anthropic
/// extended thinking on, temperature may only be 1 and top_p is not allowed, so both are dropped.
/// </summary>
public static class ParameterPolicy
{
    public static LaneParameters Effective(string provider, string model, LaneParameters requested)
    {
        var format = ProviderCatalog.For(provider).Format;
        if (format == WireFormat.OpenAIChat && provider == "openai")
        {
            return IsOpenAIReasoningModel(model)
                ? requested with { Temperature = null, TopP = null, ThinkingBudget = null }
                : requested with { ReasoningEffort = null, ThinkingBudget = null };
        }

        if (format == WireFormat.AnthropicMessages)
        {
            return requested.ThinkingBudget is not null
                ? requested with { Temperature = null, TopP = null, ReasoningEffort = null }
                : requested with { ReasoningEffort = null };
        }

        if (format == WireFormat.OpenAIChat)
        {
            return requested with { ThinkingBudget = null };
        }

        return requested with { ReasoningEffort = null };
    }

    public static bool IsOpenAIReasoningModel(string model)
    {
        var name = model.ToLowerInvariant();
        return name.StartsWith("gpt-5", StringComparison.Ordinal)
            || (name.Length > 1 && name[0] == 'o' && char.IsAsciiDigit(name[1]));
    }
}
