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
                       coalesce(sum(s.retries), 0), coalesce(sum(s.usd), 0)
                FROM cells c LEFT JOIN solutions s ON s.cell_key = c.cell_key
                GROUP BY c.condition_id ORDER BY c.condition_id
                """,
                reader => new ConditionStatus(
                    reader.GetString(0),
                    Convert.ToInt32(reader.GetValue(1)),
                    Convert.ToInt32(reader.GetValue(2)),
                    Convert.ToInt32(reader.GetValue(3)),
                    Convert.ToInt32(reader.GetValue(4)),
                    Convert.ToInt32(reader.GetValue(5)),
                    Convert.ToInt32(reader.GetValue(6)),
                    Convert.ToDecimal(reader.GetValue(7))))
            .ToList();
}
