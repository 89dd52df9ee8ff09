namespace ItemEval.Runtime.Config;

/// <summary>The generation parameters a lane requests; null means "leave the provider's default".</summary>
public sealed record LaneParameters(
    double? Temperature = null,
    double? TopP = null,
    int? MaxTokens = null,
    int? Seed = null,
    string? ReasoningEffort = null,
    int? ThinkingBudget = null)
{
    public static LaneParameters None { get; } = new();
}
