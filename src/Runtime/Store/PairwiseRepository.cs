using DuckDB.NET.Data;

namespace ItemEval.Runtime.Store;

/// <summary>
/// The pairwise plan: which ordered judgments (stored as gradings) stand for the current design, so the export can
/// combine each pair's two orders.
/// </summary>
public sealed class PairwiseRepository
{
    private readonly DuckDBConnection _connection;

    internal PairwiseRepository(DuckDBConnection connection) => _connection = connection;

    public void ReplacePlan(IReadOnlyList<PairwisePlanEntry> plan)
    {
        _connection.Execute("DELETE FROM pairwise_plan");
        using var appender = _connection.CreateAppender("pairwise_plan");
        foreach (var entry in plan)
        {
            appender.CreateRow().AppendValue(entry.GradingKey).AppendValue(entry.Grader).AppendValue(entry.ItemUid).AppendValue(entry.Epoch)
                .AppendValue(entry.FirstCondition).AppendValue(entry.SecondCondition).EndRow();
        }
    }

    /// <summary>Every judgment of the plan with its stored verdict (score 1 first won, 0 second, 0.5 tie; null none).</summary>
    public IReadOnlyList<PairwiseJudgment> Judgments() =>
        _connection.Query(
                """
                SELECT p.grader, p.item_uid, p.epoch, p.first_condition, p.second_condition, g.status, g.score
                FROM pairwise_plan p LEFT JOIN gradings g ON g.grading_key = p.grading_key
                ORDER BY p.grader, p.item_uid, p.epoch, p.first_condition, p.second_condition
                """,
                reader => new PairwiseJudgment(reader.GetString(0), reader.GetString(1), reader.Int32At(2), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetDouble(6)))
            .ToList();
}
