using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Budget;

/// <summary>
/// Output tokens (answer plus reasoning/thinking, all billed as output) for one call. Expected: the typical reasoning
/// for the lane's effort or thinking budget plus a typical answer for the template style, never above the cap. Worst
/// case: the cap itself — <c>max_tokens</c>, else the provider's default or the model's maximum output — because every
/// provider counts reasoning inside it; a thinking budget above the cap (which the providers reject) still counts whole.
/// </summary>
public sealed record OutputEstimate(int ExpectedTokens, int WorstCaseTokens)
{
    /// <param name="parameters">The lane's parameters as written; the provider's parameter policy is applied here.</param>
    public static OutputEstimate For(string modelId, LaneParameters parameters, AnswerStyle style)
    {
        var effective = ModelFamily.Effective(modelId, parameters);
        var cap = ModelFamily.OutputCap(modelId, effective.MaxTokens);
        var worst = Math.Max(cap, effective.ThinkingBudget ?? 0);
        var typical = (long)TypicalReasoning.Tokens(modelId, effective) + TypicalAnswer.Tokens(style);
        return new OutputEstimate((int)Math.Min(typical, worst), worst);
    }
}
