using System.Globalization;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting.Books;

/// <summary>
/// What the ledger says each stage spent (its kinds: generate, judge, batch), and the cap, for Status and Export. Calls
/// of a model without a price have a null cost: they are counted apart ("+ 3 unpriced calls"), never as $0.
/// </summary>
public static class StageSpend
{
    public static IReadOnlyList<(string Stage, decimal Usd, int UnpricedCalls)> Read(StudyStore store) =>
        store.Connection.Query(
                "SELECT kind, CAST(coalesce(sum(usd), 0) AS DECIMAL(18,6)), count(*) FILTER (WHERE usd IS NULL) FROM ledger GROUP BY kind ORDER BY kind",
                reader => (reader.GetString(0), DuckDBCommands.ToDecimal(reader.GetValue(1)), Convert.ToInt32(reader.GetValue(2))))
            .ToList();

    /// <summary>e.g. <c>spent by stage: generate $0.4200 · judge $0.0300; cap $5.00, $4.5500 left</c>.</summary>
    public static string Describe(StudyStore store, decimal? cap)
    {
        var stages = Read(store);
        var spent = stages.Sum(stage => stage.Usd);
        var byStage = stages.Count == 0 ? "nothing yet" : string.Join(" · ", stages.Select(stage => $"{stage.Stage} {Usd(stage.Usd)}{UnpricedSuffix(stage.UnpricedCalls)}"));
        var capText = cap is { } max ? $"cap ${max.ToString("0.00##", CultureInfo.InvariantCulture)}, {Usd(Math.Max(0, max - spent))} left" : "no cap (budget.max_usd)";
        return $"spent by stage: {byStage}; {capText}";
    }

    /// <summary>What the books print for a cost the store holds as null: a model without a price was called.</summary>
    internal const string Unpriced = "unpriced";

    /// <summary>A cost that may be unknown: <c>$0.1234</c>, or <c>unpriced</c> when the store holds null.</summary>
    internal static string UsdOrUnpriced(decimal? value) => value is { } usd ? Usd(usd) : Unpriced;

    /// <summary>e.g. <c> + 3 unpriced calls</c> beside a sum that leaves them out; empty when there are none.</summary>
    internal static string UnpricedSuffix(int calls) => calls == 0 ? "" : $" + {calls.ToString(CultureInfo.InvariantCulture)} {Unpriced} call{(calls == 1 ? "" : "s")}";

    internal static string Usd(decimal value) => "$" + value.ToString("0.0000", CultureInfo.InvariantCulture);
}
