using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Budget;

/// <summary>
/// ItemEval's one token estimator: about four characters per token for English prompts with common tokenizers. The
/// budget estimate counts a prompt with <see cref="FromChars"/> and prices its output with <see cref="OutputEstimate"/>;
/// the rate limiter charges a request's tokens-per-minute with <see cref="ForRequest"/> before it is sent and
/// corrects its books with <see cref="Actual"/> after. A heuristic for estimates only: what is billed comes from the
/// providers' usage, and the spend reservation does not estimate but bounds (<see cref="WorstCaseCost"/>).
/// </summary>
public static class TokenEstimator
{
    /// <summary>
    /// The output the rate limiter assumes when the lane sets no max tokens (Anthropic's own default cap). The budget
    /// does not use it: there the model's real cap is the worst case and a typical answer the expectation.
    /// </summary>
    public const int DefaultOutputTokens = 1024;

    private const int CharactersPerToken = 4;

    public static long FromChars(long chars) => (chars + CharactersPerToken - 1) / CharactersPerToken;

    /// <summary>A request's prompt tokens plus its output allowance: what the tokens-per-minute budget is charged up front.</summary>
    public static int ForRequest(ModelRequest request)
    {
        var input = FromChars(request.Messages.Sum(message => (long)message.Content.Length));
        var output = request.Parameters.MaxTokens ?? DefaultOutputTokens;
        return (int)Math.Min(int.MaxValue, input + output);
    }

    /// <summary>What the provider says was used, or null when it reported nothing to reconcile with.</summary>
    public static int? Actual(TokenUsage usage)
    {
        var total = usage.InputTokens + usage.OutputTokens;
        return total > 0 ? total : null;
    }
}
