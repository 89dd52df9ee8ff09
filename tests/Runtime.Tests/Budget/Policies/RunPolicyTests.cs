using ItemEval.Runtime.Budget.Policies;
using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Tests.Budget.Policies;

public sealed class RunPolicyTests
{
    private static readonly string[] PaidModels = ["openai/gpt-4o-mini", "mock/a"];
    private static readonly string[] MockModels = ["mock/a", "mock/b"];

    [Theory]
    // command line, study.yaml, models → policy, item limit, batch
    [InlineData(null, null, "paid", "dev", 7, PolicyBatch.Off)]
    [InlineData(null, null, "mock", "full-interactive", null, PolicyBatch.OnlyWhereStudySaysTrue)]
    [InlineData(null, "full-batch", "paid", "full-batch", null, PolicyBatch.Auto)]
    [InlineData(null, "dev", "mock", "dev", 7, PolicyBatch.Off)]
    [InlineData("full-interactive", "dev", "paid", "full-interactive", null, PolicyBatch.OnlyWhereStudySaysTrue)]
    [InlineData("dev", "full-batch", "mock", "dev", 7, PolicyBatch.Off)]
    [InlineData("", "full-batch", "paid", "full-batch", null, PolicyBatch.Auto)]
    public void The_command_line_wins_then_the_study_then_the_default(string? commandLine, string? written, string models, string name, int? limit, PolicyBatch batch)
    {
        var budget = BudgetConfig.Unlimited with { Policy = written, DevItems = 7 };

        var policy = RunPolicy.Resolve(commandLine, budget, models == "mock" ? MockModels : PaidModels);

        Assert.Equal((name, limit, batch), (policy.Name, policy.ItemLimit, policy.Batch));
    }

    [Theory]
    [InlineData(PolicyBatch.Off, BatchMode.True, BatchMode.False)]
    [InlineData(PolicyBatch.Off, BatchMode.Auto, BatchMode.False)]
    [InlineData(PolicyBatch.OnlyWhereStudySaysTrue, BatchMode.True, BatchMode.True)]
    [InlineData(PolicyBatch.OnlyWhereStudySaysTrue, BatchMode.Auto, BatchMode.False)]
    [InlineData(PolicyBatch.OnlyWhereStudySaysTrue, BatchMode.False, BatchMode.False)]
    [InlineData(PolicyBatch.Auto, BatchMode.False, BatchMode.Auto)]
    [InlineData(PolicyBatch.Auto, BatchMode.Auto, BatchMode.Auto)]
    [InlineData(PolicyBatch.Auto, BatchMode.True, BatchMode.True)]
    public void The_policy_overrides_the_studys_batch_setting_as_the_issue_table_says(PolicyBatch batch, BatchMode study, BatchMode runs)
    {
        Assert.Equal(runs, batch.Apply(study));
    }

    [Fact]
    public void An_unknown_policy_on_the_command_line_is_a_configuration_error()
    {
        var error = Assert.Throws<StudyException>(() => RunPolicy.Resolve("cheap", BudgetConfig.Unlimited, PaidModels));

        Assert.Equal(DiagnosticCodes.InvalidValue, Assert.Single(error.Diagnostics).Code);
    }

    [Theory]
    [InlineData("first", 3, 10, "0,1,2")]
    [InlineData("spread", 3, 10, "0,3,6")]
    [InlineData("spread", 4, 5, "0,1,2,3")]
    [InlineData("spread", 1, 7, "0")]
    [InlineData("spread", 10, 10, null)]
    [InlineData("first", 20, 10, null)]
    public void A_limited_run_takes_the_first_items_or_evenly_spaced_ones(string from, int devItems, int itemCount, string? expected)
    {
        var policy = RunPolicy.Resolve("dev", BudgetConfig.Unlimited with { DevItems = devItems, DevItemsFrom = from }, PaidModels);
        var order = Enumerable.Range(0, itemCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var items = policy.ItemsOf(order);

        Assert.Equal(expected, items is null ? null : string.Join(',', items));
    }

    [Fact]
    public void The_output_says_how_many_items_the_policy_covers_and_why()
    {
        var dev = RunPolicy.Resolve(null, BudgetConfig.Unlimited, PaidModels);

        Assert.StartsWith("policy dev: the first 10 of 20 items (the default", dev.Describe(20), StringComparison.Ordinal);
        Assert.StartsWith("policy dev: all 4 items", dev.Describe(4), StringComparison.Ordinal);
    }
}
