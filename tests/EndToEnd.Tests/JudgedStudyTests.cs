using System.Text.RegularExpressions;

namespace ItemEval.EndToEnd.Tests;

/// <summary><c>./build.sh Export --study judged</c>: mock LLM judges through the front end, offline, for $0.</summary>
public sealed class JudgedStudyTests
{
    // 2 models × 1 lane × 2 templates × 20 items.
    private const int Cells = 80;

    // Three per-solution judges (correct, quality, format), and the pairwise judge: 3 pairs with the baseline × 2 orders × 20 items.
    private const int JudgeCalls = (3 * Cells) + (3 * 2 * 20);

    [Fact]
    public void Export_grades_with_every_judge_and_a_second_run_is_up_to_date()
    {
        using var study = StudyWorkspace.CopyOf("judged");

        var first = study.Build("Export");
        var second = study.Build("Export");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(JudgeCalls, study.Query<int>("SELECT count(*) FROM ledger WHERE kind = 'judge'"));
        Assert.Equal(Cells, study.Query<int>("SELECT count(*) FROM ledger WHERE kind = 'generate'"));
        Assert.Equal(JudgeCalls, study.Query<int>("SELECT count(*) FROM gradings WHERE grader_type IN ('rubric', 'pairwise', 'compliance')"));
        Assert.Equal(0, study.Query<int>("SELECT count(*) FROM gradings WHERE status = 'parse_failure' AND (verdict_code IS NULL OR raw_text IS NULL)"));
        Assert.True(study.Query<int>("SELECT count(*) FROM gradings WHERE status = 'parse_failure'") > 0, "the example's judges have a parse-failure rate");
        Assert.Equal(4, study.Query<int>($"SELECT count(*) FROM read_parquet('{study.ExportDirectory}/judges.parquet')"));
        Assert.Equal(4, study.Query<int>($"SELECT count(*) FROM read_parquet('{study.ExportDirectory}/pairwise_ranking.parquet')"));
        Assert.Equal(
            "mock-careful",
            study.Query<string>($"SELECT condition_id[:12] FROM read_parquet('{study.ExportDirectory}/pairwise_ranking.parquet') ORDER BY rank LIMIT 1"));
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Matches(new Regex(@"Grade\W+Up to date", RegexOptions.Multiline), second.Output);
        Assert.Equal(JudgeCalls, study.Query<int>("SELECT count(*) FROM ledger WHERE kind = 'judge'"));
    }

    [Fact]
    public void Status_shows_each_grader_pending_before_grade_and_graded_with_its_parse_failures_after()
    {
        using var study = StudyWorkspace.CopyOf("judged");
        var generated = study.Build("Generate");
        var before = study.Build("Status");
        var graded = study.Build("Grade");
        var after = study.Build("Status");

        Assert.True(generated.ExitCode == 0 && graded.ExitCode == 0, generated.ToString() + graded);
        Assert.Matches(new Regex(@"head2head\s+pairwise\s+120\s+0\s+120\s+0\s+0\s+\$0\.0000"), before.Output);
        Assert.Matches(new Regex(@"correct\s+rubric\s+80\s+0\s+80\s+0\s+0\s+\$0\.0000"), before.Output);
        var failures = study.Query<int>("SELECT count(*) FROM gradings WHERE grader = 'correct' AND status = 'parse_failure'");
        Assert.Matches(new Regex($@"correct\s+rubric\s+80\s+{80 - failures}\s+0\s+{failures}\s+0\s+\$0\.0000"), after.Output);
        Assert.Matches(new Regex(@"numeric\s+numeric\s+48\s+48\s+0\s+0\s+0\s+\$0\.0000"), after.Output);
    }

    [Theory]
    [InlineData("prompts/judge-correct.txt", "{output}", "{answer}", @"error IEV0101: unknown placeholder \{answer\} in prompts/judge-correct\.txt .* grader 'correct'")]
    [InlineData("study.yaml", "against: mock-careful-t0-direct", "against: mock-careless-t0-direct", @"error IEV0108: grader 'head2head': against 'mock-careless-t0-direct' is not a condition; conditions are mock-careful-t0-direct, ")]
    public void A_judge_mistake_fails_at_its_study_line_with_exit_2_before_generating(string file, string from, string to, string error)
    {
        using var study = StudyWorkspace.CopyOf("judged");
        study.Edit(file, text => text.Replace(from, to, StringComparison.Ordinal));

        var result = study.Build("Grade");

        Assert.Equal(2, result.ExitCode);
        Assert.Matches(new Regex(@"study\.yaml\(\d+,\d+\): " + error), result.Output);
        Assert.Matches(new Regex(@"Generate\s+Not run"), result.Output);
    }

    [Fact]
    public void Editing_one_rubric_regrades_only_that_judge_and_generates_nothing()
    {
        using var study = StudyWorkspace.CopyOf("judged");
        var first = study.Build("Grade");
        study.Edit("rubrics/quality.txt", text => text + "Prefer answers that show their working.\n");

        var second = study.Build("Grade");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(Cells, study.Query<int>("SELECT count(*) FROM ledger WHERE kind = 'generate'"));
        Assert.Equal(JudgeCalls + Cells, study.Query<int>("SELECT count(*) FROM ledger WHERE kind = 'judge'"));
        Assert.Equal(
            Cells,
            study.Query<int>("SELECT count(*) FROM gradings WHERE run_id = (SELECT run_id FROM runs WHERE target = 'Grade' ORDER BY started_at DESC LIMIT 1)"));
        Assert.Equal(
            "quality",
            study.Query<string>("SELECT DISTINCT grader FROM gradings WHERE run_id = (SELECT run_id FROM runs WHERE target = 'Grade' ORDER BY started_at DESC LIMIT 1)"));
    }
}
