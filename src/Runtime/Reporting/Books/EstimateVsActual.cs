using System.Globalization;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting.Books;

/// <summary>
/// Export's estimate-vs-actual table, per stage and condition: what BudgetCheck estimated each time it let a run
/// through (<see cref="EstimateLog"/>) beside what the calls then cost — generation from the ledger's rows of the
/// condition's cells, each judge grader from its gradings of the condition's answers (the ledger does not name the
/// grader; a pairwise grading is booked to the condition in the first position, as the estimate books it). A cost the
/// store holds as null (a model without a price) shows as <c>unpriced</c>.
/// </summary>
internal static class EstimateVsActual
{
    private static readonly string[] Header = ["stage", "condition", "estimated", "actual", "actual/estimate"];

    public static IReadOnlyList<string> Render(string artifactsDirectory, StudyStore store)
    {
        var estimates = EstimateLog.ByCondition(artifactsDirectory);
        var rows = Actual(store).Select(actual =>
        {
            var estimate = estimates.GetValueOrDefault(new EstimateLog.Key(actual.Stage, actual.Grader, actual.Condition));
            return (IReadOnlyList<string>)
            [
                actual.Grader is { } grader ? $"{actual.Stage} {grader}" : actual.Stage,
                actual.Condition,
                estimate is null ? "none" : StageSpend.Usd(estimate.ExpectedUsd),
                actual.Usd is { } usd ? StageSpend.Usd(usd) : StageSpend.Unpriced,
                estimate is { ExpectedUsd: > 0 } && actual.Usd is { } cost ? (cost / estimate.ExpectedUsd).ToString("0.00×", CultureInfo.InvariantCulture) : "",
            ];
        }).ToList();
        return rows.Count == 0 ? [] : TextTable.Render(Header, rows);
    }

    private static IEnumerable<(string Stage, string? Grader, string Condition, decimal? Usd)> Actual(StudyStore store) =>
        store.Connection.Query(
            $"""
            SELECT '{CostLine.GenerateStage}', NULL, s.condition_id, CAST(sum(l.usd) AS DECIMAL(18,6)), bool_or(l.usd IS NULL) FROM ledger l
            JOIN solutions s ON s.cell_key = l.cell_key WHERE l.kind <> 'judge' AND NOT l.cache_hit GROUP BY s.condition_id
            UNION ALL
            SELECT '{CostLine.JudgeStage}', g.grader, s.condition_id, CAST(sum(g.usd) AS DECIMAL(18,6)), bool_or(g.usd IS NULL) FROM gradings g
            JOIN solutions s ON s.cell_key = g.cell_key WHERE g.grader_type IN ('rubric', 'compliance', 'pairwise') GROUP BY g.grader, s.condition_id
            ORDER BY 1, 2 NULLS FIRST, 3
            """,
            reader => (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2),
                reader.GetBoolean(4) || reader.IsDBNull(3) ? (decimal?)null : DuckDBCommands.ToDecimal(reader.GetValue(3))));
}
