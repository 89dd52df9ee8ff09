namespace ItemEval.Runtime.Providers;

/// <summary>
/// Token counts as the provider reported them (or fabricated by a mock), field for field, without normalising: each
/// client copies its provider's numbers, and <see cref="Budget.PriceTable.Cost"/> knows each provider's convention
/// (<see cref="Budget.CacheCounting"/>).
/// </summary>
/// <param name="InputTokens">
/// OpenAI-wire providers: <c>prompt_tokens</c>, which INCLUDES <c>cached_tokens</c>. Gemini: <c>promptTokenCount</c>,
/// which INCLUDES <c>cachedContentTokenCount</c>. Anthropic: <c>input_tokens</c>, which EXCLUDES cache reads and writes.
/// </param>
/// <param name="OutputTokens">Visible answer tokens, reasoning/thinking excluded where the provider splits them out.</param>
/// <param name="ReasoningTokens">OpenAI <c>reasoning_tokens</c>, Gemini <c>thoughtsTokenCount</c>; billed as output.
/// Anthropic reports thinking inside <c>output_tokens</c>, so it is 0 there.</param>
/// <param name="CacheReadTokens">OpenAI <c>cached_tokens</c>, Gemini <c>cachedContentTokenCount</c>, Anthropic
/// <c>cache_read_input_tokens</c>.</param>
/// <param name="CacheWriteTokens">Anthropic <c>cache_creation_input_tokens</c>; OpenAI and Gemini bill no cache writes per token.</param>
public sealed record TokenUsage(
    int InputTokens,
    int OutputTokens,
    int ReasoningTokens = 0,
    int CacheReadTokens = 0,
    int CacheWriteTokens = 0)
{
    public static TokenUsage Zero { get; } = new(0, 0);
}
