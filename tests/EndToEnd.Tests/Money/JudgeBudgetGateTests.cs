namespace ItemEval.EndToEnd.Tests.Money;

/// <summary>
/// The gate prices judging too: the example's free mock answers, judged by a paid model whose calls alone would cross
/// max_usd, stop the build at BudgetCheck with exit 4 before anything is generated or judged (nothing listens where the
/// judge's calls would go, so one that slipped past the gate would fail loudly, never bill).
/// </summary>
public sealed class JudgeBudgetGateTests
{
    [Fact]
    public async Task A_judge_projection_over_max_usd_exits_4_at_budget_check_even_with_yes_and_spends_nothing()
    {
        using var study = StudyWorkspace.CopyOf("example");
        study.Edit("study.yaml", text => text
            .Replace("graders:", """
                graders:
                  - name: correct
                    type: rubric
                    model: openai/gpt-4o-mini
                    lane: {temperature: 0, max_tokens: 64}
                    template: prompts/judge.txt
                    rubric: prompts/rubric.txt
                    options: {scale: [0, 1]}
                """, StringComparison.Ordinal)
            .Replace("max_usd: 0.50", "max_usd: 0.50\n  prices: {openai/gpt-4o-mini: {input: 1000, output: 1000}}", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(study.StudyDirectory, "prompts", "judge.txt"), "{rubric}\nQuestion: {input}\nReference: {target}\nAnswer: {output}\nReply with a JSON object {\"score\": 0 or 1}.\n");
        File.WriteAllText(Path.Combine(study.StudyDirectory, "prompts", "rubric.txt"), "Score 1 when the answer equals the reference, else 0.\n");

        var result = await study.BuildAsync(["Grade", "--yes"], (_, _) => { }, BudgetGateExitTests.Environment);

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("error IEV0302", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"per stage: generate \$0\.0000 expected, \$0\.0000 worst case \(\d+ calls\); judge \$[1-9][0-9.]* expected", result.Output);
        Assert.Matches(@"Generate\s+Not run", result.Output);
        Assert.Equal(0, study.Query<int>("SELECT count(*) FROM solutions"));
        Assert.Equal(0, study.Query<int>("SELECT count(*) FROM gradings"));
    }
}
