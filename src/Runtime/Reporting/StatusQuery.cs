using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting;

/// <summary>Reads per-condition progress from the store; never calls a model.</summary>
public static class StatusQuery
{
    public static IReadOnlyList<ConditionStatus> Read(StudyStore store) =>
        store.Connection.Query(
                """
                SELECT c.condition_id, count(*),
                       count(*) FILTER (WHERE s.status = 'done'), count(*) FILTER (WHERE s.status = 'error'),
                       count(*) FILTER (WHERE s.status = 'empty'), count(*) FILTER (WHERE s.status IS NULL),
                       CAST(coalesce(sum(s.retries), 0) AS BIGINT),
                       -- An answered cell of a model without a price has a null cost: the condition's cost is unknown.
                       CASE WHEN bool_or(s.usd IS NULL AND s.status IN ('done', 'empty')) THEN NULL ELSE CAST(coalesce(sum(s.usd), 0) AS DECIMAL(18,6)) END
                FROM cells c LEFT JOIN solutions s ON s.cell_key = c.cell_key
                GROUP BY c.condition_id ORDER BY c.condition_id
                """,
                reader => new ConditionStatus(
                    reader.GetString(0),
                    reader.Int32At(1),
                    reader.Int32At(2),
                    reader.Int32At(3),
                    reader.Int32At(4),
                    reader.Int32At(5),
                    reader.Int32At(6),
                    reader.IsDBNull(7) ? null : reader.DecimalAt(7)))
            .ToList();
}
