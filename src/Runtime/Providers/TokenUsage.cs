namespace ItemEval.Runtime.Providers;

/// <summary>Token counts as the provider reported them (or fabricated by a mock).</summary>
public sealed record TokenUsage(
    int InputTokens,
    int OutputTokens,
    int ReasoningTokens = 0,
    int CacheReadTokens = 0,
    int CacheWriteTokens = 0)
{
    public static TokenUsage Zero { get; } = new(0, 0);
}
