using System.Text;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Budget;

/// <summary>
/// An upper bound on what one attempt can be billed, for the spend reservation. Input: the prompt's UTF-8 byte count
/// (a BPE token is at least one byte, so tokens never exceed bytes) plus a per-message allowance for the chat
/// framing; output: the lane's <c>max_tokens</c>, which bounds reasoning and thinking tokens too (OpenAI's
/// <c>max_completion_tokens</c> and Anthropic's <c>max_tokens</c> include them).
/// </summary>
public static class WorstCaseCost
{
    /// <summary>Assumed when a lane sets no <c>max_tokens</c>; set one for a tight cap (docs/budget.md).</summary>
    public const int OutputTokensWithoutCap = 32_768;

    private const int TokensPerMessageFraming = 8;

    public static TokenUsage Usage(ModelRequest request) =>
        new(
            request.Messages.Sum(message => Encoding.UTF8.GetByteCount(message.Content) + TokensPerMessageFraming),
            request.Parameters.MaxTokens ?? OutputTokensWithoutCap);

    public static decimal Usd(ModelPrice price, ModelRequest request) => PriceTable.Cost(price, Usage(request));
}
