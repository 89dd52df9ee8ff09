namespace ItemEval.EndToEnd.Tests.Money;

/// <summary>The budget gate through the front end: exit 4 over the cap whatever the flags, exit 3 without a terminal.</summary>
public sealed class BudgetGateExitTests
{
    // Nothing listens on port 9: any call that slipped past the gate would fail the run loudly, never bill.
    internal static readonly Dictionary<string, string> Environment = new()
    {
        ["OPENAI_API_KEY"] = "test-key",
        ["OPENAI_BASE_URL"] = "http://127.0.0.1:9/v1",
    };

    [Fact]
    public async Task Over_max_usd_exits_4_even_with_yes_and_spends_nothing()
    {
        using var study = PaidStudy(maxUsd: "0.01", confirmAbove: "");

        var result = await study.BuildAsync(["Generate", "--yes"], (_, _) => { }, Environment);

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("error IEV0302", result.Output, StringComparison.Ordinal);
        Assert.Contains("is over budget.max_usd $0.01", result.Output, StringComparison.Ordinal);
        Assert.Equal(0, study.Query<int>("SELECT count(*) FROM solutions"));
    }

    [Fact]
    public async Task Grade_without_yes_and_without_a_terminal_exits_3_and_spends_nothing()
    {
        using var study = PaidStudy(maxUsd: "100", confirmAbove: "");

        var result = await study.BuildAsync(["Grade"], (_, _) => { }, Environment);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("error IEV0301", result.Output, StringComparison.Ordinal);
        Assert.Contains("re-run with --yes", result.Output, StringComparison.Ordinal);
        Assert.Equal(0, study.Query<int>("SELECT count(*) FROM solutions"));
    }

    [Fact]
    public async Task Under_confirm_above_usd_needs_no_yes()
    {
        using var study = PaidStudy(maxUsd: "100", confirmAbove: "confirm_above_usd: 50, ");

        var result = await study.BuildAsync(["BudgetCheck"], (_, _) => { }, Environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("policy dev: the first 10 of 20 items", result.Output, StringComparison.Ordinal);
    }

    /// <summary>The example's 20 items on one paid model at $1000 per million tokens: 20 calls under the default dev policy.</summary>
    private static StudyWorkspace PaidStudy(string maxUsd, string confirmAbove) =>
        PaidExampleStudy.Create("gated", budget: $"max_usd: {maxUsd}, {confirmAbove}prices: {{openai/gpt-4o-mini: {{input: 1000, output: 1000}}}}");
}
