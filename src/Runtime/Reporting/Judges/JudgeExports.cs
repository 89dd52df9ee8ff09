using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting.Judges;

/// <summary>
/// The judges' export tables, written only when the study has judges: per-grader counts (graded, parse failures by
/// code, errors, spend, provider-cached input tokens), and for pairwise judges win/tie/loss per ordered pair of
/// conditions, position bias, and a Bradley-Terry ranking with bootstrap intervals over items.
/// </summary>
public static class JudgeExports
{
    public static IReadOnlyList<ExportedTable> Write(StudyStore store, string directory)
    {
        var tables = new List<ExportedTable>();
        if (Convert.ToInt64(store.Connection.Scalar($"SELECT count(*) FROM graders WHERE grader_type IN ({JudgeTypes})")) > 0
            || Convert.ToInt64(store.Connection.Scalar("SELECT count(*) FROM pairwise_plan")) > 0)
        {
            tables.Add(TableExporter.Write(store.Connection, directory, "judges", JudgeQueries.PerGrader));
            var agreement = JudgeAgreement.For(store, JudgeTypes);
            if (agreement.Count > 0)
            {
                tables.Add(ComputedTable.Write(store, directory, "judge_agreement", "judges VARCHAR, statistic VARCHAR, units INTEGER, value DOUBLE",
                    agreement, row => [row.Judges, row.Statistic, row.Units, row.Value]));
            }
        }

        var judgments = store.Pairwise.Judgments();
        if (judgments.Count == 0)
        {
            return tables;
        }

        var comparisons = PairwiseCombiner.Combine(judgments);
        tables.Add(ComputedTable.Write(store, directory, "pairwise_results",
            "grader VARCHAR, condition_id VARCHAR, opponent VARCHAR, wins INTEGER, ties INTEGER, losses INTEGER, inconsistent INTEGER",
            HeadToHead.For(comparisons),
            row => [row.Grader, row.Condition, row.Opponent, row.Wins, row.Ties, row.Losses, row.Inconsistent]));
        tables.Add(ComputedTable.Write(store, directory, "pairwise_position_bias",
            "grader VARCHAR, judgments INTEGER, verdicts INTEGER, first_wins INTEGER, second_wins INTEGER, ties INTEGER, pairs INTEGER, inconsistent_pairs INTEGER, first_position_share DOUBLE, inconsistency_rate DOUBLE",
            PositionBias.For(judgments, comparisons),
            row => [row.Grader, row.Judgments, row.Verdicts, row.FirstWins, row.SecondWins, row.Ties, row.Pairs, row.InconsistentPairs, row.FirstPositionShare, row.InconsistencyRate]));
        var rankings = judgments.GroupBy(judgment => judgment.Grader, StringComparer.Ordinal).SelectMany(grader =>
        {
            var conditions = grader.SelectMany(judgment => new[] { judgment.FirstCondition, judgment.SecondCondition }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return BootstrapRanking.Rank(conditions, comparisons.Where(comparison => comparison.Grader == grader.Key).ToList()).Select(ranked => (grader.Key, ranked));
        });
        tables.Add(ComputedTable.Write(store, directory, "pairwise_ranking",
            "grader VARCHAR, rank INTEGER, condition_id VARCHAR, strength DOUBLE, ci_low DOUBLE, ci_high DOUBLE",
            rankings,
            row => [row.Key, row.ranked.Rank, row.ranked.Condition, row.ranked.Strength, row.ranked.Low, row.ranked.High]));
        return tables;
    }

    private static string JudgeTypes => JudgeQueries.JudgeTypes;
}
