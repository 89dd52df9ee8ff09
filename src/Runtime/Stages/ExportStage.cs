using System.Globalization;
using System.Text.Json;
using ItemEval.Runtime.Reporting;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages;

/// <summary>Writes the long table, solutions, gradings, a per-condition summary and manifest.json under export/.</summary>
public static class ExportStage
{
    private static readonly JsonSerializerOptions ManifestJson = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static Manifest Run(StageContext context)
    {
        var study = LoadedStudy.Load(context);
        using var run = StageRun.Begin(context, study.Config.Name, "Export");
        Reporting.Books.BooksReport.Print(context, run.Store, StagePrices.Load(context, study, mayRefresh: false), study.Config.Budget.MaxUsd);
        var directory = context.ExportDirectory;
        Directory.CreateDirectory(directory);
        var tables = new List<ExportedTable>
        {
            TableExporter.Write(run.Store, directory, "long", ExportQueries.Long, sorted: true),
            TableExporter.Write(run.Store, directory, "solutions", ExportQueries.Solutions, sorted: true),
            TableExporter.Write(run.Store, directory, "gradings", ExportQueries.Gradings, sorted: true),
            // Aggregated from the long table as written rather than by joining the store again.
            TableExporter.Write(run.Store, directory, "summary", ExportQueries.SummaryOf(TableExporter.Rows(directory, "long"))),
        };
        tables.AddRange(Reporting.Judges.JudgeExports.Write(run.Store, directory));
        var manifest = ManifestBuilder.Build(study, run.Store, tables);
        File.WriteAllText(Path.Combine(directory, "manifest.json"), JsonSerializer.Serialize(manifest, ManifestJson) + "\n");
        ReportSummary(context, run.Store, TableExporter.Rows(directory, "summary"));
        context.Reporter.Info(SpendLine(run.Store));
        context.Reporter.Info($"results: {directory}{Path.DirectorySeparatorChar} (long.parquet, long.csv, summary.csv, manifest.json); store: {run.Store.Path}");
        run.Succeeded();
        return manifest;
    }

    /// <summary>What the ledger says was spent, and how much of it no provider answer confirmed (an upper bound).</summary>
    private static string SpendLine(StudyStore store) =>
        FormattableString.Invariant($"ledger ${store.Ledger.TotalUsd():0.0000}, of which ${store.Ledger.UnconfirmedUsd():0.0000} unconfirmed (attempts the provider may have billed whose answer was never read, counted at their worst case)");

    private static void ReportSummary(StageContext context, StudyStore store, string summary)
    {
        var rows = store.Connection.Query(
                $"SELECT condition_id, grader, graded, cells, mean_score, std_error, usd FROM ({summary})",
                reader => (IReadOnlyList<string>)
                [
                    reader.GetString(0),
                    reader.GetString(1),
                    Convert.ToString(reader.GetValue(2), CultureInfo.InvariantCulture)!,
                    Convert.ToString(reader.GetValue(3), CultureInfo.InvariantCulture)!,
                    reader.IsDBNull(4) ? "" : Convert.ToDouble(reader.GetValue(4), CultureInfo.InvariantCulture).ToString("0.000", CultureInfo.InvariantCulture),
                    reader.IsDBNull(5) ? "" : Convert.ToDouble(reader.GetValue(5), CultureInfo.InvariantCulture).ToString("0.000", CultureInfo.InvariantCulture),
                    reader.IsDBNull(6) ? Reporting.Books.StageSpend.Unpriced : "$" + Convert.ToDouble(reader.GetValue(6), CultureInfo.InvariantCulture).ToString("0.0000", CultureInfo.InvariantCulture),
                ])
            .ToList();
        foreach (var line in TextTable.Render(["condition", "grader", "graded", "cells", "mean", "s.e.", "cost"], rows))
        {
            context.Reporter.Info(line);
        }
    }
}
