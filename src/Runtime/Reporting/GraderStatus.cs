using System.Globalization;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Stages.Grade;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting;

/// <summary>
/// Status per grader over the gradings its current plan stands on (staged from the store and the study as Grade stages
/// it, so it is right before the first Grade too): graded, pending, parse failures (a judge's unreadable answers, final), errors
/// (retried on the next Grade) and what the grader's judge calls cost.
/// </summary>
public sealed record GraderStatus(string Grader, string Type, int Planned, int Graded, int Pending, int ParseFailures, int Errors, decimal? Usd)
{
    public static IReadOnlyList<GraderStatus> Read(LoadedStudy study, StudyStore store)
    {
        // The plan Grade would run, counted in one aggregate over the stored plan with keys computed only for the rows it
        // does not key yet, so Status neither reads and hashes every solution of a large study nor copies its plan.
        var plan = GradeRunPlan.Count(study, store);
        var counts = plan.SolutionCounts.Concat(PairCounts(store, plan.PairEntries)).ToDictionary(count => count.Grader, StringComparer.Ordinal);
        return plan.Graders.Select(grader =>
            {
                var count = counts.GetValueOrDefault(grader.Name) ?? PlannedGradingCounts.None(grader.Name);
                return new GraderStatus(
                    grader.Name,
                    grader.Type,
                    count.Planned,
                    count.Done,
                    count.Missing,
                    count.ParseFailures,
                    count.Errors,
                    // A stored grading of a judge without a price has a null cost: the grader's spend is unknown.
                    count.Unpriced > 0 ? null : count.Usd);
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

    /// <summary>The pairwise judges' planned gradings (few: a judge call each) against the stored ones, in memory.</summary>
    private static IEnumerable<PlannedGradingCounts> PairCounts(StudyStore store, IReadOnlyList<PairwisePlanEntry> entries)
    {
        if (entries.Count == 0)
        {
            return [];
        }

        var stored = store.Connection.Query(
                "SELECT grading_key, status, CAST(usd AS DECIMAL(18,6)) FROM gradings",
                reader => (Key: reader.GetString(0), Status: reader.GetString(1), Usd: reader.IsDBNull(2) ? (decimal?)null : reader.DecimalAt(2)))
            .ToDictionary(row => row.Key, StringComparer.Ordinal);
        return entries.GroupBy(entry => entry.Grader, StringComparer.Ordinal).Select(group =>
        {
            var rows = group.Select(entry => stored.TryGetValue(entry.GradingKey, out var row) ? row : default).ToList();
            return new PlannedGradingCounts(
                group.Key,
                rows.Count,
                rows.Count(row => row.Status == GradingStatus.Done),
                rows.Count(row => row.Status is null),
                rows.Count(row => row.Status == GradingStatus.ParseFailure),
                rows.Count(row => row.Status == GradingStatus.Error),
                rows.Sum(row => row.Usd ?? 0m),
                rows.Count(row => row.Status is not null && row.Usd is null));
        });
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
