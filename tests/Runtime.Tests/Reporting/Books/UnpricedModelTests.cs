using System.Text.RegularExpressions;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;
using ItemEval.Runtime.Tests.Providers;
using ItemEval.Runtime.Tests.Stages;

namespace ItemEval.Runtime.Tests.Reporting.Books;

/// <summary>
/// A model no price table knows, run without <c>max_usd</c> (the only way it may run) against the fake provider: its
/// calls are stored with a null cost, and Status, the books and Export's summary say "unpriced" where a cost would be.
/// </summary>
public sealed class UnpricedModelTests : FakeServerTest
{
    private const string Unpriced = "openai/ft-house-model";

    [Fact]
    public async Task An_unpriced_models_calls_carry_a_null_cost_and_status_the_books_and_export_say_unpriced()
    {
        using var study = FakeServerStudy.Create(Server.BaseUrl, models: Unpriced, items: 3, budget: "  policy: full-interactive");
        study.Prepare();
        BudgetCheckStage.Run(study.Context(new StageOptions(Yes: true)));
        await GenerateStage.RunAsync(study.Context(), CancellationToken.None);
        StatusStage.Run(study.Context());
        await GradeStage.RunAsync(study.Context(), CancellationToken.None);
        ExportStage.Run(study.Context());

        Assert.Equal(3, Server.BilledRequests.Count);
        using (var store = StudyStore.Open(study.Artifacts))
        {
            Assert.Equal((3L, 3L), (NullCosts(store, "ledger"), NullCosts(store, "solutions")));
            Assert.Equal(0m, store.Ledger.TotalUsd());
        }

        var lines = study.Reporter.Lines.ToList();
        Assert.Contains(study.Reporter.Diagnostics, diagnostic => diagnostic.Code == DiagnosticCodes.UnknownPrice && diagnostic.Message.Contains(Unpriced, StringComparison.Ordinal));
        Has(lines, @"^spent by stage: generate \$0\.0000 \+ 3 unpriced calls; no cap \(budget\.max_usd\)$");
        Has(lines, @"^books balance: ledger \$0\.0000 .*; 3 unpriced calls of unknown cost in no sum$");
        // The provider table: calls, cache hits, spent, list price, saved.
        Has(lines, @"^openai\s+3\s+0\s+unpriced\s+unpriced\s+\$0\.0000$");
        // Status's condition table and Export's summary: cost is the last column of both.
        Has(lines, @"^openai-ft-house-model-\S+\s+3\s+3\s+0\s+0\s+0\s+0\s+unpriced$");
        Has(lines, @"^openai-ft-house-model-\S+\s+numeric\s+3\s+3\s+.*unpriced$");
        Has(lines, @"^estimated \$0\.0000 expected, \$0\.0000 worst case for 3 calls, 3 of them unpriced ");
        Assert.DoesNotContain(lines, line => line.StartsWith("openai-ft-house-model-", StringComparison.Ordinal) && line.EndsWith("$0.0000", StringComparison.Ordinal));
    }

    private static void Has(IReadOnlyList<string> lines, string pattern) =>
        Assert.True(lines.Any(line => Regex.IsMatch(line, pattern)), $"no line matches {pattern}:\n{string.Join('\n', lines)}");

    private static long NullCosts(StudyStore store, string table) =>
        Convert.ToInt64(store.Connection.Scalar($"SELECT count(*) FROM {table} WHERE usd IS NULL"), System.Globalization.CultureInfo.InvariantCulture);
}
