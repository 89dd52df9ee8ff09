using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Stages.Estimating;

/// <summary>
/// What makes an estimate shaky, said before money is spent: <c>uncapped-generation</c> (a paid lane without
/// <c>max_tokens</c>, so the worst case is the model's whole output limit) and <c>reasoning-dominates</c> (hidden
/// reasoning or thinking is most of the expected output, the part that varies most from call to call).
/// </summary>
internal static class EstimateWarnings
{
    public static IEnumerable<Diagnostic> For(LoadedStudy study)
    {
        foreach (var condition in study.Conditions.Where(condition => !PriceTable.IsFree(condition.Model.Id)).DistinctBy(condition => (condition.Model.Id, condition.Lane.Name)))
        {
            var model = condition.Model.Id;
            var effective = ModelFamily.Effective(model, condition.Lane.Parameters);
            if (effective.MaxTokens is null)
            {
                yield return Diagnostic.Warning(
                    DiagnosticCodes.UncappedGeneration,
                    $"uncapped-generation: {model} lane {condition.Lane.Name} sets no max_tokens, so a call may bill up to {ModelFamily.OutputCap(model, null):N0} output tokens; set max_tokens on the lane to bound it",
                    condition.Lane.Location);
            }

            var reasoning = TypicalReasoning.Tokens(model, effective);
            if (reasoning > TypicalAnswer.StepByStepTokens)
            {
                yield return Diagnostic.Warning(
                    DiagnosticCodes.ReasoningDominates,
                    $"reasoning-dominates: {model} lane {condition.Lane.Name} is expected to reason about {reasoning:N0} tokens a call, most of its output; the estimate is least certain there until a pilot (--policy dev) measures it",
                    condition.Lane.Location);
            }
        }
    }
}
