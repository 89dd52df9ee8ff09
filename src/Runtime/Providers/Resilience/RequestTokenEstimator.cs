namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// A cheap upper-ish guess of the tokens one request will use, for the tokens-per-minute budget before the call;
/// the limiter corrects its books with the real usage afterwards.
/// </summary>
internal static class RequestTokenEstimator
{
    /// <summary>Assumed output when the lane sets no max tokens.</summary>
    public const int DefaultOutputTokens = 1024;

    private const int CharactersPerToken = 4;

    public static int Estimate(ModelRequest request)
    {
        long characters = 0;
        foreach (var message in request.Messages)
        {
            characters += message.Content.Length;
        }

        var input = (characters + CharactersPerToken - 1) / CharactersPerToken;
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
