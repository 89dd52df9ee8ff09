namespace ItemEval.Runtime.Budget;

/// <summary>
/// Whether a provider's input count already contains its cached tokens. OpenAI's <c>prompt_tokens</c> and Gemini's
/// <c>promptTokenCount</c> include them (the cached count is a subset); Anthropic's <c>input_tokens</c> excludes
/// <c>cache_read_input_tokens</c> and <c>cache_creation_input_tokens</c>. Pricing must know which, or it charges
/// cached tokens twice (or never).
/// </summary>
public enum CacheCounting
{
    /// <summary><see cref="Providers.TokenUsage.InputTokens"/> includes cache reads and writes (OpenAI wire, Gemini, mock).</summary>
    InsideInput,

    /// <summary><see cref="Providers.TokenUsage.InputTokens"/> is only the uncached input (Anthropic).</summary>
    BesideInput,
}
