using System.Globalization;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting.Books;

/// <summary>
/// The books Export prints: the reconciliation first (a mismatch fails Export before any spend is published), then
/// spend per stage, savings against list price, a table per provider, and each condition's estimate beside its cost.
/// </summary>
public static class BooksReport
{
    public static LedgerReconciliation.Totals Print(StageContext context, StudyStore store, PriceTable prices, decimal? cap) =>
        Print(context, store, prices, cap, LedgerReconciliation.Check(store));

    /// <summary>As above, with the reconciliation already checked (Export checks it while it writes the tables).</summary>
    public static LedgerReconciliation.Totals Print(StageContext context, StudyStore store, PriceTable prices, decimal? cap, LedgerReconciliation.Totals totals)
    {
        var report = context.Reporter;
        var providers = ProviderBooks.Read(store, prices);
        if (providers.All(line => line.SpentUsd == 0m && line.ListUsd == 0m && line.UnpricedCalls == 0))
        {
            // Free models (mock) or nothing run yet: tables of zeros would only bury the results below them.
            report.Info($"books balance: nothing billed ({Count(providers.Sum(line => line.Calls))} calls, {Count(providers.Sum(line => line.CacheHits))} served from the response cache)");
            return totals;
        }

        report.Info($"books balance: ledger {StageSpend.Usd(totals.Ledger)} = solutions {StageSpend.Usd(totals.Solutions)} + gradings {StageSpend.Usd(totals.Gradings)} + {StageSpend.Usd(totals.OtherAttempts)} in attempts whose answers are not the stored rows (retries, unconfirmed, re-served){(totals.UnpricedCalls > 0 ? $"; {StageSpend.UnpricedSuffix(totals.UnpricedCalls)[3..]} of unknown cost in no sum" : "")}");
        report.Info(StageSpend.Describe(store, cap));
        report.Info($"saved against list price: {StageSpend.Usd(providers.Sum(line => line.SavedUsd))} (provider prompt cache {StageSpend.Usd(providers.Sum(line => line.PromptCacheSaved))} · batch discount {StageSpend.Usd(providers.Sum(line => line.BatchSaved))} · response-cache re-serves {StageSpend.Usd(providers.Sum(line => line.ResponseCacheSaved))})");
        var providerRows = providers.Select(line => (IReadOnlyList<string>)
            [line.Provider, Count(line.Calls), Count(line.CacheHits), Spent(line, line.SpentUsd), Spent(line, line.ListUsd), StageSpend.Usd(line.SavedUsd)]).ToList();
        foreach (var line in TextTable.Render(["provider", "calls", "cache hits", "spent", "list price", "saved"], providerRows))
        {
            report.Info(line);
        }

        foreach (var line in EstimateVsActual.Render(context.ArtifactsDirectory, store))
        {
            report.Info(line);
        }

        return totals;
    }

    /// <summary>A provider's spend or list price: unknown (<c>unpriced</c>) once any of its calls had no price.</summary>
    private static string Spent(ProviderBooks.Line line, decimal usd) => line.UnpricedCalls > 0 ? StageSpend.Unpriced : StageSpend.Usd(usd);

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
