using System.Globalization;
using System.Text.Json.Nodes;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Reporting;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Tests.Stages;

/// <summary>
/// Export on a real store: each table is queried once into Parquet and its CSV is streamed from that file, so the
/// files must be exactly what the store's query would give, the CSV formula guard included.
/// </summary>
public sealed class ExportStageTests
{
    [Fact]
    public async Task Every_csv_is_byte_for_byte_what_the_query_over_the_store_writes_with_the_formula_guard()
    {
        using var study = await GradedStudyAsync();

        ExportStage.Run(study.Context());

        using var store = StudyStore.Open(study.Artifacts);
        var expectedDirectory = Path.Combine(study.Directory, "expected");
        Directory.CreateDirectory(expectedDirectory);
        foreach (var (name, query) in new[]
                 {
                     ("long", ExportQueries.Long()), ("solutions", ExportQueries.Solutions()), ("gradings", ExportQueries.Gradings()),
                     ("summary", ExportQueries.SummaryOf(ExportQueries.Long())),
                 })
        {
            var expected = Path.Combine(expectedDirectory, name + ".csv");
            store.Connection.Execute($"COPY ({CsvFormulaGuard.Wrap(store.Connection, query)}) TO '{expected}' (FORMAT csv, HEADER true)");
            Assert.Equal(File.ReadAllText(expected), File.ReadAllText(Path.Combine(study.Context().ExportDirectory, name + ".csv")));
        }

        // The guard is exercised: the scripted answers that start with '=' are quoted in the CSV, raw in Parquet.
        Assert.Contains("'=2+2", File.ReadAllText(Path.Combine(study.Context().ExportDirectory, "solutions.csv")), StringComparison.Ordinal);
        Assert.Equal(10L, Convert.ToInt64(store.Connection.Scalar(
            $"SELECT count(*) FROM read_parquet('{Path.Combine(study.Context().ExportDirectory, "solutions")}/*.parquet') WHERE output = '=2+2'"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_manifest_counts_the_rows_of_every_table()
    {
        using var study = await GradedStudyAsync();

        ExportStage.Run(study.Context());

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(study.Context().ExportDirectory, "manifest.json")))!;
        var rows = manifest["tables"]!.AsArray().ToDictionary(table => (string)table!["name"]!, table => (long)table!["rows"]!);
        Assert.Equal(new Dictionary<string, long> { ["long"] = 20, ["solutions"] = 20, ["gradings"] = 20, ["summary"] = 2 }, rows);
        foreach (var (name, count) in rows)
        {
            var lines = File.ReadAllLines(Path.Combine(study.Context().ExportDirectory, name + ".csv")).Length;
            Assert.Equal(count + 1, lines); // the header, then one line per row (no answer here spans lines)
        }
    }

    [Fact]
    public async Task Export_leaves_the_last_status_snapshot_as_it_was_since_it_changes_no_count()
    {
        using var study = await GradedStudyAsync();
        var snapshot = StatusSnapshot.PathIn(study.Artifacts);
        var publishedByGrade = File.ReadAllText(snapshot);

        ExportStage.Run(study.Context());

        Assert.Equal("Grade", StatusSnapshot.ReadFrom(study.Artifacts)!.Target);
        Assert.Equal(publishedByGrade, File.ReadAllText(snapshot));
    }

    [Fact]
    public async Task A_study_without_graders_says_why_it_has_no_scores_instead_of_an_empty_table()
    {
        // No graders, and items without a scheme, so no default grader applies either.
        using var study = new TempStudy(items: 4, yaml: TempStudy.DefaultYaml
            .Replace("graders:\n  - name: numeric\n    type: numeric\n", "", StringComparison.Ordinal)
            .Replace(", scheme: scheme}", "}", StringComparison.Ordinal));
        study.Prepare();
        await GenerateStage.RunAsync(study.Context(), CancellationToken.None);
        await GradeStage.RunAsync(study.Context(), CancellationToken.None);

        ExportStage.Run(study.Context());

        var lines = study.Reporter.Lines.ToList();
        Assert.Contains(lines, line => line.StartsWith("summary: no scores — no grader applies", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.StartsWith("condition ", StringComparison.Ordinal));
        // The answers are where the line says they are.
        using var store = StudyStore.Open(study.Artifacts);
        Assert.Equal(8L, Convert.ToInt64(store.Connection.Scalar(
            $"SELECT count(*) FROM read_csv('{Path.Combine(study.Context().ExportDirectory, "solutions.csv")}') WHERE status = 'done'"), CultureInfo.InvariantCulture));
    }

    /// <summary>20 cells (10 items × 2 templates), half answered with a formula-shaped text, all graded.</summary>
    private static async Task<TempStudy> GradedStudyAsync()
    {
        var study = new TempStudy(items: 10);
        study.Prepare();
        var client = new ScriptedClient((call, request, _) =>
            Task.FromResult(ScriptedClient.Answer(call % 2 == 0 ? "=2+2" : $"The answer is {request.Reference}.")));
        await GenerateStage.RunAsync(study.Context(), CancellationToken.None, new ModelClientRouter(_ => client));
        await GradeStage.RunAsync(study.Context(), CancellationToken.None);
        return study;
    }
}
