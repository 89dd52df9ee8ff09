using ItemEval.FakeProviders;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Tests.Providers;

namespace ItemEval.Runtime.Tests.Stages;

/// <summary>Estimate on a real store against the fake provider: a pilot calibrates it, and the full run's bill is what it said.</summary>
public sealed class EstimateStageTests : FakeServerTest
{
    private const string Models = "openai/gpt-4o-mini,google/gemini-2.5-flash";
    private static readonly FakePrice Price = new(1000m, 1000m);

    [Fact]
    public async Task After_a_pilot_the_estimate_of_the_rest_is_within_a_quarter_of_what_the_provider_bills_for_it()
    {
        using var study = FakeServerStudy.Create(
            Server.BaseUrl,
            models: Models,
            items: 12,
            budget: "  max_usd: 5\n  dev_items: 4\n  prices:\n    openai/gpt-4o-mini: {input: 1000, output: 1000}\n    google/gemini-2.5-flash: {input: 1000, output: 1000}");
        study.Prepare();
        await GenerateStage.RunAsync(study.Context(), CancellationToken.None);
        var pilotBill = Server.BilledRequests.Count;

        var estimate = EstimateStage.Run(study.Context(new StageOptions(Policy: "full-interactive")));
        await GenerateStage.RunAsync(study.Context(new StageOptions(Policy: "full-interactive")), CancellationToken.None);

        Assert.Equal(8, pilotBill);
        var fullRun = Server.BilledRequests.Skip(pilotBill).ToList();
        foreach (var line in estimate.Lines)
        {
            var billed = fullRun.Where(bill => line.Model.EndsWith(bill.Model, StringComparison.Ordinal))
                .Sum(bill => ((bill.InputTokens * Price.InputPerMillion) + (bill.OutputTokens * Price.OutputPerMillion)) / 1_000_000m);
            Assert.Equal(8, line.Calls);
            Assert.NotNull(line.Observed);
            Assert.True(line.ExpectedUsd >= billed * 0.75m && line.ExpectedUsd <= billed * 1.25m, $"{line} billed {billed}\n" + string.Join("\n", study.Reporter.Lines));
        }

        Assert.Contains(study.Reporter.Lines, text => text.Contains("prompt tokens of openai/gpt-4o-mini: o200k_base tokenizer", StringComparison.Ordinal));
        Assert.Contains(study.Reporter.Lines, text => text.Contains("prompt tokens of google/gemini-2.5-flash:", StringComparison.Ordinal) && text.Contains("calibrated on stored calls", StringComparison.Ordinal));
        Assert.Contains(study.Reporter.Lines, text => text.StartsWith("prices: study.yaml budget.prices (2 models); then packaged table of ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_paid_lane_without_max_tokens_is_warned_about_and_the_grid_is_priced_whatever_the_policy()
    {
        using var study = FakeServerStudy.Create(Server.BaseUrl, models: "openai/gpt-4o-mini", items: 12, budget: "  max_usd: 5");
        File.WriteAllText(study.StudyFile, File.ReadAllText(study.StudyFile).Replace("max_tokens: 200", "", StringComparison.Ordinal));
        study.Prepare();

        var estimate = EstimateStage.Run(study.Context());

        var warning = Assert.Single(study.Reporter.Diagnostics, diagnostic => diagnostic.Code == DiagnosticCodes.UncappedGeneration);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.StartsWith("uncapped-generation: openai/gpt-4o-mini lane warm", warning.Message, StringComparison.Ordinal);
        Assert.Equal(10, Assert.Single(estimate.Lines).Calls);
        // The grid column counts all 12 items; pending, under the default dev policy, the first 10.
        Assert.Contains(study.Reporter.Lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"openai/gpt-4o-mini\s+12\s+\$[0-9.]+\s+10\s"));
    }

    [Fact]
    public async Task Every_epoch_of_an_item_is_priced_as_a_call_of_its_own_in_the_pending_and_the_grid_columns()
    {
        using var study = FakeServerStudy.Create(Server.BaseUrl, models: "openai/gpt-4o-mini", items: 4, budget: "  max_usd: 5\n  dev_items: 1");
        File.WriteAllText(study.StudyFile, File.ReadAllText(study.StudyFile).Replace("design:\n", "design:\n  epochs: 3\n", StringComparison.Ordinal));
        study.Prepare();
        await GenerateStage.RunAsync(study.Context(), CancellationToken.None);
        var pilot = Server.BilledRequests.Count;

        var line = Assert.Single(EstimateStage.Run(study.Context(new StageOptions(Policy: "full-interactive"))).Lines);
        await GenerateStage.RunAsync(study.Context(new StageOptions(Policy: "full-interactive")), CancellationToken.None);

        // Epochs send the same prompt, so the estimate counts each item once and multiplies: 3 items × 3 epochs pending.
        Assert.Equal((3, 9), (pilot, line.Calls));
        Assert.Equal(9, Server.BilledRequests.Count - pilot);
        Assert.Equal(0, line.InputTokens % 3);
        Assert.Contains(study.Reporter.Lines, text => System.Text.RegularExpressions.Regex.IsMatch(text, @"openai/gpt-4o-mini\s+12\s+\$[0-9.]+\s+9\s"));
    }
}
