using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Budget.Pricing;
using ItemEval.Runtime.Providers.Catalog;

namespace ItemEval.Runtime.Stages;

/// <summary>The price table of a cost-bearing stage, which it prints with each table's age before pricing anything.</summary>
internal static class StagePrices
{
    /// <param name="mayRefresh">BudgetCheck and Estimate may fetch the catalog; Generate uses what they left.</param>
    public static PriceTable Load(StageContext context, LoadedStudy study, bool mayRefresh)
    {
        var now = DateTimeOffset.UtcNow;
        var prices = PriceSources.Load(study.Config.Budget, study.Config.StudyDirectory, context.Environment ?? ProcessEnvironment.Instance, now, mayRefresh, context.Options.RefreshPricing, context.Reporter.Report);
        context.Reporter.Info(prices.Describe(now));
        return prices;
    }
}
