namespace ItemEval.Runtime.Batches;

/// <summary>
/// Which providers' batch APIs ItemEval drives: OpenAI's Files + Batches, OpenAI-compatible providers that expose the
/// same endpoints (Together), and Anthropic's Message Batches. Any other provider runs interactively, said once in the output.
/// </summary>
public static class BatchSupport
{
    /// <summary>Providers with a batch API ItemEval speaks, in the order the error message lists them.</summary>
    public static IReadOnlyList<string> Providers { get; } = ["openai", "together", "anthropic"];

    public static bool Has(string provider) => Providers.Contains(provider, StringComparer.Ordinal);
}
