using ItemEval.Runtime.Budget.Policies;
using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Stages;

/// <summary>
/// The budget keys beyond the cap and prices that decide what BudgetCheck lets through: the run policy (a dev run
/// then a full run must pass the gate again and run Generate for the other items), the confirmation threshold and
/// the pricing sources (<c>--refresh-pricing</c> included, so it makes an up-to-date BudgetCheck run and fetch). Part of the budget stamp's hash.
/// </summary>
internal static class BudgetFingerprints
{
    public static string Of(StageContext context, StudyConfig config)
    {
        var budget = config.Budget;
        var policy = RunPolicy.Resolve(context.Options.Policy, budget, config.Design.Models.Select(model => model.Id));
        // "spread" joins the item limit only when chosen, so stores of the default keep their stamps.
        var items = policy.SpreadItems ? $"{policy.ItemLimit} spread" : policy.ItemLimit?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return string.Join('|', policy.Name, items, budget.ConfirmAboveUsd, budget.PricingPath, budget.PricingMaxAgeDays, context.Options.RefreshPricing,
            string.Join(',', budget.Prices.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}:{pair.Value}")));
    }
}
