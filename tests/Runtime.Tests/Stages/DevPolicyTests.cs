using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Tests.Providers;

namespace ItemEval.Runtime.Tests.Stages;

/// <summary>The dev policy against the fake provider: a pilot of the first items, then a full run that pays for none of them again.</summary>
public sealed class DevPolicyTests : FakeServerTest
{
    [Fact]
    public async Task A_dev_run_calls_the_first_dev_items_and_the_full_run_calls_only_the_rest()
    {
        using var study = FakeServerStudy.Create(Server.BaseUrl, models: "openai/gpt-4o-mini", items: 9, budget: "  max_usd: 1\n  dev_items: 4");
        study.Prepare();

        BudgetCheckStage.Run(study.Context(new StageOptions(Yes: true)));
        var dev = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);
        var devPrompts = Server.BilledRequests.Select(request => request.Prompt).ToList();
        var full = await GenerateStage.RunAsync(study.Context(new StageOptions(Policy: "full-interactive")), CancellationToken.None);
        var fullPrompts = Server.BilledRequests.Select(request => request.Prompt).Skip(devPrompts.Count).ToList();

        Assert.Equal(4, dev.Calls);
        Assert.Equal(Enumerable.Range(1, 4).Select(Question), devPrompts.Select(QuestionIn).Order(StringComparer.Ordinal));
        Assert.True(dev.Complete);
        Assert.Equal(5, full.Calls);
        Assert.Equal(Enumerable.Range(5, 5).Select(Question).Order(StringComparer.Ordinal), fullPrompts.Select(QuestionIn).Order(StringComparer.Ordinal));
        Assert.Equal(9, Server.BilledRequests.Count);
        Assert.Contains(study.Reporter.Lines, message => message.Contains("policy dev: the first 4 of 9 items", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_spread_dev_run_calls_items_evenly_spaced_over_the_file_and_the_full_run_calls_only_the_others()
    {
        using var study = FakeServerStudy.Create(Server.BaseUrl, models: "openai/gpt-4o-mini", items: 9, budget: "  max_usd: 1\n  dev_items: 3\n  dev_items_from: spread");
        study.Prepare();

        BudgetCheckStage.Run(study.Context(new StageOptions(Yes: true)));
        var dev = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);
        var devPrompts = Server.BilledRequests.Select(request => request.Prompt).ToList();
        var full = await GenerateStage.RunAsync(study.Context(new StageOptions(Policy: "full-interactive")), CancellationToken.None);

        // Items 1, 4 and 7 of 9: ⌊i·9/3⌋ for i = 0, 1, 2 in file order.
        Assert.Equal(new[] { 1, 4, 7 }.Select(Question).Order(StringComparer.Ordinal), devPrompts.Select(QuestionIn).Order(StringComparer.Ordinal));
        Assert.Equal((3, 6, 9), (dev.Calls, full.Calls, Server.BilledRequests.Count));
        Assert.Contains(study.Reporter.Lines, message => message.Contains("policy dev: 3 of 9 items, evenly spaced over the item order", StringComparison.Ordinal));
    }

    private static string Question(int item) => $"What is {item} + {item}?";

    private static string QuestionIn(string prompt) => prompt[(prompt.IndexOf("What", StringComparison.Ordinal))..].Split('\n')[0].Trim();
}
