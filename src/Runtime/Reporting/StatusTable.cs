using System.Globalization;

namespace ItemEval.Runtime.Reporting;

/// <summary>The per-condition progress table, the same whether read from the store or from a run's snapshot.</summary>
public static class StatusTable
{
    public static IReadOnlyList<string> Render(IReadOnlyList<ConditionStatus> statuses)
    {
        var rows = statuses.Select(status => (IReadOnlyList<string>)
        [
            status.ConditionId, Text(status.Expected), Text(status.Done), Text(status.Errors), Text(status.Empty),
            Text(status.Pending), Text(status.Retries), Books.StageSpend.UsdOrUnpriced(status.Usd),
        ]).ToList();
        return TextTable.Render(["condition", "expected", "done", "errors", "empty", "pending", "retries", "cost"], rows);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
