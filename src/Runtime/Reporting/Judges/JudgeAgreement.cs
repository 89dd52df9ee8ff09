using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting.Judges;

/// <summary>
/// Agreement between the judges that grade the same solutions (rubric and compliance judges; a rubric score is
/// binned into pass / fail at the scale's midpoint): Cohen's kappa per pair of judges, and Krippendorff's alpha over
/// all of them when there are three or more.
/// </summary>
public sealed record JudgeAgreement(string Judges, string Statistic, int Units, double? Value)
{
    public const string AllJudges = "*";

    public static IReadOnlyList<JudgeAgreement> For(StudyStore store, string judgeTypesSql)
    {
        var verdicts = store.Connection.Query(
                $"""
                SELECT p.cell_key, p.grader, CASE WHEN g.passed THEN 'pass' ELSE 'fail' END
                FROM grading_plan p JOIN graders gr ON gr.grader = p.grader JOIN gradings g ON g.grading_key = p.grading_key
                WHERE gr.grader_type IN ({judgeTypesSql}) AND g.status = '{GradingStatus.Done}'
                """,
                reader => (Cell: reader.GetString(0), Grader: reader.GetString(1), Verdict: reader.GetString(2)))
            .ToList();
        var judges = verdicts.Select(verdict => verdict.Grader).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var byCell = verdicts.GroupBy(verdict => verdict.Cell, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.ToDictionary(verdict => verdict.Grader, verdict => verdict.Verdict, StringComparer.Ordinal), StringComparer.Ordinal);
        var rows = new List<JudgeAgreement>();
        for (var a = 0; a < judges.Count; a++)
        {
            for (var b = a + 1; b < judges.Count; b++)
            {
                var pairs = byCell.Values.Where(cell => cell.ContainsKey(judges[a]) && cell.ContainsKey(judges[b]))
                    .Select(cell => (cell[judges[a]], cell[judges[b]])).ToList();
                rows.Add(new JudgeAgreement($"{judges[a]}+{judges[b]}", "cohen_kappa", pairs.Count, Agreement.CohensKappa(pairs)));
            }
        }

        if (judges.Count >= 3)
        {
            var units = byCell.Values.Select(cell => (IReadOnlyList<string>)cell.Values.ToList()).ToList();
            rows.Add(new JudgeAgreement(AllJudges, "krippendorff_alpha", units.Count(unit => unit.Count >= 2), Agreement.KrippendorffAlpha(units)));
        }

        return rows;
    }
}
