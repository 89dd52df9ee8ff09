namespace ItemEval.Runtime.Store;

/// <summary>
/// Status's count of each per-solution grader's planned gradings against the stored ones, read without staging the
/// plan: one aggregate over the plan's rows as the stored plan keys them, and keys computed only for the rows it does
/// not key (new solutions or a changed grader: the change since the last Grade), so a big graded study costs one pass
/// of DuckDB and no copy of its plan.
/// </summary>
public static class PlannedGradingCounter
{
    /// <summary>Per grader, planned rows (alias w) against the stored gradings of their keys (alias g): <see cref="PlannedGradingCounts"/> after the grader.</summary>
    private const string CountColumns =
        $"""
        count(*), count(*) FILTER (WHERE g.status = '{GradingStatus.Done}'), count(*) FILTER (WHERE g.grading_key IS NULL),
        count(*) FILTER (WHERE g.status = '{GradingStatus.ParseFailure}'), count(*) FILTER (WHERE g.status = '{GradingStatus.Error}'),
        CAST(coalesce(sum(g.usd), 0) AS DECIMAL(18,6)), count(*) FILTER (WHERE g.grading_key IS NOT NULL AND g.usd IS NULL)
        """;

    public static IReadOnlyList<PlannedGradingCounts> Count(StudyStore store, IReadOnlyList<PlannedGrader> graders, Func<string, string, string> keyOf) =>
        StagedGradingPlan.WriteGraders(store.Connection, graders, connection =>
        {
            // A keyed row falls into its grader's one group; an unkeyed row is a group of its own (named by its cell),
            // so one pass gives the stored plan's counts and the few rows still to key.
            var groups = connection.Query(
                    $"""
                    SELECT w.grader, {CountColumns}, CASE WHEN w.grading_key IS NULL THEN w.cell_key END AS unkeyed
                    FROM ({StagedGradingPlan.WantedRows}) w LEFT JOIN gradings g ON g.grading_key = w.grading_key
                    GROUP BY w.grader, unkeyed
                    """,
                    reader => (Counts: ReadCounts(reader, 0), Unkeyed: reader.IsDBNull(8) ? null : reader.GetString(8)))
                .ToList();
            var unkeyed = groups.Where(group => group.Unkeyed is not null).Select(group => (Cell: group.Unkeyed!, group.Counts.Grader)).ToList();
            var keyed = unkeyed.Count == 0
                ? []
                : StagedGradingPlan.Keyed.Write(
                    connection,
                    unkeyed,
                    (row, planned) => row.AppendValue(planned.Cell).AppendValue(planned.Grader).AppendValue(keyOf(planned.Cell, planned.Grader)),
                    staged => staged.Query(
                            $"""
                            SELECT w.grader, {CountColumns}
                            FROM {StagedGradingPlan.Keyed.Name} w LEFT JOIN gradings g ON g.grading_key = w.grading_key GROUP BY w.grader
                            """,
                            reader => ReadCounts(reader, 0))
                        .ToList());
            return groups.Where(group => group.Unkeyed is null).Select(group => group.Counts).Concat(keyed)
                .GroupBy(counts => counts.Grader, StringComparer.Ordinal)
                .Select(counts => counts.Aggregate((sum, next) => sum.Plus(next)))
                .ToList();
        });

    private static PlannedGradingCounts ReadCounts(System.Data.Common.DbDataReader reader, int grader) =>
        new(reader.GetString(grader), reader.Int32At(grader + 1), reader.Int32At(grader + 2), reader.Int32At(grader + 3), reader.Int32At(grader + 4),
            reader.Int32At(grader + 5), reader.DecimalAt(grader + 6), reader.Int32At(grader + 7));
}
