using System.Globalization;
using ItemEval.Runtime.Budget.Tokens;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Budget;

/// <summary>
/// ItemEval's one token estimator. The budget estimate counts a prompt with <see cref="Count"/>: OpenAI's own tokenizer
/// (o200k_base or cl100k_base, <see cref="PromptTokenizer"/>) for OpenAI models, else characters per token —
/// calibrated on the condition's stored calls once it has some, about four for English text before that — and prices
/// its output with <see cref="OutputEstimate"/>;
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

    /// <summary>English text with current BPE tokenizers, before a study's own calls calibrate it.</summary>
    public const double DefaultCharsPerToken = 4.0;

    /// <summary>The chat framing around each message (role markers, separators), as OpenAI's token-counting guide counts it.</summary>
    public const int TokensPerMessage = 4;

    private const int CharactersPerToken = 4;

    public static long FromChars(long chars) => (chars + CharactersPerToken - 1) / CharactersPerToken;

    /// <summary>A message's tokens for <paramref name="modelId"/>: the model's tokenizer when public, else characters ÷ <paramref name="charsPerToken"/>.</summary>
    public static int Count(string modelId, string text, double charsPerToken = DefaultCharsPerToken) =>
        (PromptTokenizer.EncodingFor(modelId) is { } encoding
            ? PromptTokenizer.Count(encoding, text)
            : (int)Math.Ceiling(text.Length / charsPerToken)) + TokensPerMessage;

    /// <summary>How <see cref="Count"/> counts this model's prompts, for the estimate's output.</summary>
    public static string MethodFor(string modelId, double charsPerToken = DefaultCharsPerToken, bool calibrated = false) =>
        PromptTokenizer.EncodingFor(modelId) is { } encoding
            ? $"{encoding} tokenizer"
            : $"{charsPerToken.ToString("0.00", CultureInfo.InvariantCulture)} chars/token ({(calibrated ? "calibrated on stored calls" : "default for English")})";

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
