using DuckDB.NET.Data;

namespace ItemEval.Runtime.Store;

/// <summary>
/// The pairwise plan: which ordered judgments (stored as gradings) stand for the current design, so the export can
/// combine each pair's two orders.
/// </summary>
public sealed class PairwiseRepository
{
    // The wanted plan is staged and compared with the stored one set-based, so only the judgments that changed are written.
    private static readonly StagingTable Wanted = new(
        "pairwise_wanted",
        "grading_key VARCHAR, grader VARCHAR, item_uid VARCHAR, epoch INTEGER, first_condition VARCHAR, second_condition VARCHAR");

    private const string SameJudgment = """
        w.grader = p.grader AND w.item_uid = p.item_uid AND w.epoch = p.epoch AND w.first_condition = p.first_condition
        AND w.second_condition = p.second_condition
        """;

    private readonly DuckDBConnection _connection;

    internal PairwiseRepository(DuckDBConnection connection) => _connection = connection;

    /// <summary>
    /// Makes the stored plan equal <paramref name="plan"/>: judgments no longer planned are deleted, those whose
    /// grading changed (an answer regenerated, the judge edited) are updated in place, new ones inserted.
    /// </summary>
    public void ReplacePlan(IReadOnlyList<PairwisePlanEntry> plan) =>
        Wanted.Write(
            _connection,
            plan,
            static (row, entry) => row.AppendValue(entry.GradingKey).AppendValue(entry.Grader).AppendValue(entry.ItemUid).AppendValue(entry.Epoch)
                .AppendValue(entry.FirstCondition).AppendValue(entry.SecondCondition),
            static connection =>
            {
                connection.Execute($"DELETE FROM pairwise_plan p WHERE NOT EXISTS (SELECT 1 FROM {Wanted.Name} w WHERE {SameJudgment})");
                connection.Execute($"UPDATE pairwise_plan p SET grading_key = w.grading_key FROM {Wanted.Name} w WHERE {SameJudgment} AND p.grading_key <> w.grading_key");
                return connection.Execute(
                    $"INSERT INTO pairwise_plan SELECT * FROM {Wanted.Name} w WHERE NOT EXISTS (SELECT 1 FROM pairwise_plan p WHERE {SameJudgment})");
            });

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
