using System.Globalization;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Stages.Grade;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting;

/// <summary>
/// Status per grader over the gradings its current plan stands on (computed from the store and the study, so it is
/// right before the first Grade too): graded, pending, parse failures (a judge's unreadable answers, final), errors
/// (retried on the next Grade) and what the grader's judge calls cost.
/// </summary>
public sealed record GraderStatus(string Grader, string Type, int Planned, int Graded, int Pending, int ParseFailures, int Errors, decimal? Usd)
{
    public static IReadOnlyList<GraderStatus> Read(LoadedStudy study, StudyStore store)
    {
        var plans = GradePlans.For(study, store);
        var stored = store.Connection.Query(
                "SELECT grading_key, status, CAST(usd AS DECIMAL(18,6)) FROM gradings",
                reader => (Key: reader.GetString(0), Status: reader.GetString(1), Usd: reader.IsDBNull(2) ? (decimal?)null : reader.DecimalAt(2)))
            .ToDictionary(row => row.Key, StringComparer.Ordinal);
        var planned = plans.Keys.ToLookup(key => key.Grader, key => stored.TryGetValue(key.GradingKey, out var row) ? row : default, StringComparer.Ordinal);
        return plans.Graders.Select(grader =>
            {
                var rows = planned[grader.Name].ToList();
                return new GraderStatus(
                    grader.Name,
                    grader.Type,
                    rows.Count,
                    rows.Count(row => row.Status == GradingStatus.Done),
                    rows.Count(row => row.Status is null),
                    rows.Count(row => row.Status == GradingStatus.ParseFailure),
                    rows.Count(row => row.Status == GradingStatus.Error),
                    // A stored grading of a judge without a price has a null cost: the grader's spend is unknown.
                    rows.Any(row => row.Status is not null && row.Usd is null) ? null : rows.Sum(row => row.Usd ?? 0m));
            })
            .ToList();
    }

    public static IReadOnlyList<string> Render(IReadOnlyList<GraderStatus> statuses) =>
        TextTable.Render(
            ["grader", "type", "planned", "graded", "pending", "parse failures", "errors", "spend"],
            statuses.Select(status => (IReadOnlyList<string>)
            [
                status.Grader, status.Type, Text(status.Planned), Text(status.Graded), Text(status.Pending), Text(status.ParseFailures),
                Text(status.Errors), Books.StageSpend.UsdOrUnpriced(status.Usd),
            ]).ToList());

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
