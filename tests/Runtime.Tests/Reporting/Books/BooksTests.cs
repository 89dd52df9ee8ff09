using ItemEval.FakeProviders;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;
using ItemEval.Runtime.Tests.Grading.Judges;
using ItemEval.Runtime.Tests.Providers;
using ItemEval.Runtime.Tests.Stages;

namespace ItemEval.Runtime.Tests.Reporting.Books;

/// <summary>Export's books on a real store after a run against the fake provider, and the reconciliation catching altered rows.</summary>
public sealed class BooksTests : FakeServerTest
{
    // The fake OpenAI reports 4 of each call's prompt tokens as cached (billed at cache_read: 400 instead of 1000) and
    // its invoice bills every token at list price.
    private const decimal CachedSavingPerCall = 4 * (1000m - 400m) / 1_000_000m;
    private static readonly FakePrice Price = new(1000m, 1000m);

    [Fact]
    public async Task The_books_split_spend_and_savings_and_set_each_estimate_beside_its_cost()
    {
        using var study = Study();
        study.Prepare();
        BudgetCheckStage.Run(study.Context(new StageOptions(Yes: true)));
        await GenerateStage.RunAsync(study.Context(), CancellationToken.None);
        var billed = Server.BilledUsd(_ => Price);
        var cells = Server.BilledRequests.Count;
        using (var store = StudyStore.Open(study.Artifacts))
        {
            // Two answers lost from the store are served again from the response cache: no call, nothing billed.
            store.Connection.Execute("DELETE FROM solutions WHERE cell_key IN (SELECT cell_key FROM solutions ORDER BY cell_key LIMIT 2)");
        }

        await GenerateStage.RunAsync(study.Context(), CancellationToken.None);
        ExportStage.Run(study.Context());

        Assert.Equal(cells, Server.BilledRequests.Count);
        var spent = billed - (cells * CachedSavingPerCall);
        var lines = study.Reporter.Lines.ToList();
        var listPerCall = billed / cells;
        var lost = 2 * (listPerCall - CachedSavingPerCall);
        var promptCacheSaved = (cells - 2) * CachedSavingPerCall;
        var saved = promptCacheSaved + (2 * listPerCall);
        Assert.Contains($"books balance: ledger {Usd(spent)} = solutions {Usd(spent - lost)} + gradings $0.0000 + {Usd(lost)} in attempts whose answers are not the stored rows (retries, unconfirmed, re-served)", lines);
        Assert.Contains($"spent by stage: generate {Usd(spent)}; cap $5.00, {Usd(5m - spent)} left", lines);
        Assert.Contains($"saved against list price: {Usd(saved)} (provider prompt cache {Usd(promptCacheSaved)} · batch discount $0.0000 · response-cache re-serves {Usd(2 * listPerCall)})", lines);
        Assert.Contains(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, $@"^openai\s+{cells}\s+2\s+\{Usd(spent)}\s+\{Usd(spent + saved)}\s+\{Usd(saved)}$"));
        Assert.Contains(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^generate\s+openai-gpt-4o-mini-\S+\s+\$\d\.\d{4}\s+\$\d\.\d{4}\s+\d\.\d\d×$"));
    }

    [Fact]
    public async Task Estimate_vs_actual_sets_each_judge_graders_estimate_beside_what_its_calls_were_billed()
    {
        Server.Behavior.Reply = prompt => prompt.StartsWith(JudgedStudy.JudgeMarker, StringComparison.Ordinal) ? "Correct.\nRating: [[9]]" : "The answer is 2.";
        using var study = JudgedStudy.Create(Server.BaseUrl, JudgedStudy.Rubric("correct", Server.BaseUrl, judge: "openai/" + JudgedStudy.OpenAIJudge), items: 4);
        study.Prepare();
        BudgetCheckStage.Run(study.Context(new StageOptions(Yes: true)));
        await GenerateStage.RunAsync(study.Context(), CancellationToken.None);
        await GradeStage.RunAsync(study.Context(), CancellationToken.None);
        ExportStage.Run(study.Context());

        // The fake provider's invoice for the judge's calls, at the study's price for the judge (3 in, 15 out per million).
        var judged = Server.BilledRequests.Where(bill => bill.Model == JudgedStudy.OpenAIJudge).ToList();
        var billed = judged.Sum(bill => ((bill.InputTokens * 3m) + (bill.OutputTokens * 15m)) / 1_000_000m);
        Assert.Equal(4, judged.Count);
        var row = Assert.Single(study.Reporter.Lines, line => line.StartsWith("judge correct", StringComparison.Ordinal));
        var match = System.Text.RegularExpressions.Regex.Match(row, @"^judge correct\s+openai-gpt-4o-mini-\S+\s+\$(\d\.\d{4})\s+\$(\d\.\d{4})\s+(\d\.\d\d)×$");
        Assert.True(match.Success, row);
        Assert.Equal(Usd(billed), "$" + match.Groups[2].Value);
        Assert.True(decimal.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0m, row);
        Assert.Contains(study.Reporter.Lines, line => line.StartsWith("generate ", StringComparison.Ordinal) && line.Contains("openai-gpt-4o-mini-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_altered_solution_cost_or_a_lost_solution_fails_export_naming_the_rows()
    {
        using var study = Study();
        study.Prepare();
        await GenerateStage.RunAsync(study.Context(), CancellationToken.None);
        string altered, lost;
        using (var store = StudyStore.Open(study.Artifacts))
        {
            var keys = store.Connection.Query("SELECT cell_key FROM solutions ORDER BY cell_key", reader => reader.GetString(0)).ToList();
            (altered, lost) = (keys[0], keys[1]);
            store.Connection.Execute($"UPDATE solutions SET usd = usd + 0.5 WHERE cell_key = '{altered}'");
            store.Connection.Execute($"DELETE FROM solutions WHERE cell_key = '{lost}'");
        }

        var error = Assert.Throws<StudyException>(() => ExportStage.Run(study.Context()));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(DiagnosticCodes.BooksDoNotBalance, diagnostic.Code);
        Assert.Contains($"solution {altered} says $", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains($"is for cell {lost}, which has no solution", diagnostic.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(study.Artifacts, "export", "manifest.json")));
    }

    [Fact]
    public async Task A_failed_reconciliation_leaves_the_previous_export_as_it_was()
    {
        using var study = Study();
        study.Prepare();
        await GenerateStage.RunAsync(study.Context(), CancellationToken.None);
        ExportStage.Run(study.Context());
        var export = study.Context().ExportDirectory;
        // Every file, the per-condition parts under their folders included, by its path inside export/.
        var before = Directory.EnumerateFiles(export, "*", SearchOption.AllDirectories).ToDictionary(file => Path.GetRelativePath(export, file), File.ReadAllBytes, StringComparer.Ordinal);
        using (var store = StudyStore.Open(study.Artifacts))
        {
            // A cost changed outside ItemEval: the long and solutions tables would change, and the books no longer balance.
            store.Connection.Execute("UPDATE solutions SET usd = usd + 0.5 WHERE cell_key = (SELECT min(cell_key) FROM solutions)");
        }

        Assert.Throws<StudyException>(() => ExportStage.Run(study.Context()));

        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), Directory.EnumerateFiles(export, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(export, file)).Order(StringComparer.Ordinal));
        Assert.All(before, file => Assert.Equal(file.Value, File.ReadAllBytes(Path.Combine(export, file.Key))));
        Assert.False(Directory.Exists(Path.Combine(export, ".in-progress")));
    }

    private TempStudy Study() => FakeServerStudy.Create(
        Server.BaseUrl,
        models: "openai/gpt-4o-mini",
        items: 4,
        budget: "  max_usd: 5\n  prices:\n    openai/gpt-4o-mini: {input: 1000, output: 1000, cache_read: 400}");

    private static string Usd(decimal value) => "$" + value.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
}
