using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Budget;

/// <summary>
/// Hidden reasoning/thinking tokens the expected estimate assumes per call (billed as output). OpenAI publishes no
/// per-effort figures, only that reasoning "can range from a few hundred to tens of thousands" of tokens; these are
/// typical counts on benchmark-style questions, anchored on issue 8's o3 study at high effort, which billed about
/// 4,900 output tokens a call. A thinking budget (Anthropic, Gemini) is a ceiling, not a target: Anthropic notes Claude
/// may not use all of it, and issue 8's thinking study used about 1,000 tokens a call under budgets in the tens of
/// thousands — so a call is assumed to think <see cref="Thinking"/> tokens, or half a budget smaller than that.
/// Heuristics until pilots measure the study's own calls; see docs/budget.md.
/// </summary>
public static class TypicalReasoning
{
    public const int Minimal = 200;
    public const int Low = 800;
    public const int Medium = 2_000;
    public const int High = 5_000;

    /// <summary>Thinking tokens a call with an explicit thinking budget is assumed to use, whatever the budget's size.</summary>
    public const int Thinking = 1_500;

    /// <summary>The share of a small thinking budget a call is assumed to use.</summary>
    public const decimal ThinkingBudgetShare = 0.5m;

    /// <param name="parameters">The effective parameters (<see cref="Providers.Catalog.ParameterPolicy.Effective"/>).</param>
    public static int Tokens(string modelId, LaneParameters parameters)
    {
        if (parameters.ThinkingBudget is { } budget)
        {
            return Math.Min((int)(Math.Max(0, budget) * ThinkingBudgetShare), Thinking);
        }

        if (parameters.ReasoningEffort is { } effort)
        {
            return ForEffort(effort);
        }

        // Models that reason without being asked: OpenAI's reasoning models at their default effort (medium), and
        // Gemini 2.5, which thinks dynamically unless a thinking budget says otherwise.
        return ModelFamily.ReasonsByDefault(modelId) ? Medium : 0;
    }

    public static int ForEffort(string effort) => effort.ToLowerInvariant() switch
    {
        "minimal" => Minimal,
        "low" => Low,
        "high" => High,
        _ => Medium,
    };
}
