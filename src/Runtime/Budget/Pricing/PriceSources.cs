using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers.Catalog;

namespace ItemEval.Runtime.Budget.Pricing;

/// <summary>
/// Assembles a study's <see cref="PriceTable"/>: its own <c>budget.prices</c>, the table at <c>budget.pricing_path</c>,
/// the cached OpenRouter catalog — fetched first with <c>--refresh-pricing</c>, or when <c>pricing_max_age_days</c> is
/// set and the newest table is older — and the packaged table.
/// </summary>
public static class PriceSources
{
    /// <param name="mayRefresh">Whether this stage may fetch (BudgetCheck and Estimate; Generate reads what they left).</param>
    /// <param name="refreshRequested"><c>--refresh-pricing</c>.</param>
    /// <param name="studyDirectory">What a relative <c>pricing_path</c> is relative to.</param>
    public static PriceTable Load(BudgetConfig budget, string studyDirectory, IEnvironment environment, DateTimeOffset now, bool mayRefresh, bool refreshRequested, Action<Diagnostic> warn)
    {
        var between = new List<PriceCatalog>();
        if (budget.PricingPath is { } path)
        {
            between.Add(UserPriceTable.Load(Path.GetFullPath(path, studyDirectory), budget.Location));
        }

        var cache = PricingCache.For(environment);
        var fetched = cache.Read();
        if (mayRefresh && (refreshRequested || IsStale(budget, fetched ?? PackagedPrices.Catalog, now)))
        {
            try
            {
                fetched = OpenRouterRefresh.Fetch(environment, cache, now);
            }
            catch (StudyException error) when (!refreshRequested)
            {
                // An automatic refresh that fails must not stop an offline run: say so and price with what is here.
                foreach (var diagnostic in error.Diagnostics)
                {
                    warn(diagnostic with { Severity = DiagnosticSeverity.Warning, Message = diagnostic.Message + $" (budget.pricing_max_age_days is {budget.PricingMaxAgeDays})" });
                }
            }
        }

        if (fetched is not null)
        {
            between.Add(fetched);
        }

        return PriceTable.Of(budget, between);
    }

    private static bool IsStale(BudgetConfig budget, PriceCatalog newest, DateTimeOffset now) =>
        budget.PricingMaxAgeDays is { } maxAge && newest.AgeDays(now) is { } age && age > maxAge;
}
