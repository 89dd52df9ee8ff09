using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ItemEval.Runtime.Reporting;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages;

/// <summary>
/// Writes the long table, solutions, gradings (each a folder of one Parquet file per condition and one CSV), a
/// per-condition summary and manifest.json under export/. Only the conditions whose rows changed since the last Export
/// are written again (<see cref="ExportParts"/>), so an edit that touches a fifth of the study costs about a fifth.
/// </summary>
public static class ExportStage
{
    private static readonly JsonSerializerOptions ManifestJson = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>The tables of one row per cell or grading, written in <see cref="WriteTables"/>'s two lanes.</summary>
    private static readonly PartedTable[] BigTables =
    [
        new("long", conditions => ExportQueries.Long(conditions)), new("solutions", conditions => ExportQueries.Solutions(conditions)),
        new("gradings", conditions => ExportQueries.Gradings(conditions)),
    ];

    /// <summary>
    /// What the parts' bytes depend on besides the store's rows: the tool's version and the tables' SQL. Part of every
    /// condition's fingerprint, so an ItemEval that exports differently rewrites every part once.
    /// </summary>
    private static readonly string ExportFormat = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join("\n", BigTables.Select(table => table.Query(null)).Prepend(ToolInfo.Version)))))[..16];

    public static Manifest Run(StageContext context)
    {
        var study = LoadedStudy.Load(context);
        // No Status snapshot: Export changes no count Status shows, and each publish counts every cell (0.1–0.2 s of
        // CPU at 125,000 cells, twice per run), a cost that does not shrink with the edit (docs/BENCHMARKS.md, "Scale").
        using var run = StageRun.Begin(context, study.Config.Name, "Export");
        var directory = context.ExportDirectory;
        Directory.CreateDirectory(directory);
        using var staging = ExportStaging.Begin(directory);
        var parts = ExportParts.Plan(run.Store.Connection, directory, staging.Directory, BigTables.Select(table => table.Name).ToList(),
            connection => PartFingerprints.Read(connection, ExportFormat));
        var totals = WriteTables(run.Store, parts);
        Reporting.Books.BooksReport.Print(context, run.Store, StagePrices.Load(context, study, mayRefresh: false), study.Config.Budget.MaxUsd, totals);
        var tables = new List<ExportedTable>(BigTables.Select(table => table.Exported(run.Store.Connection, parts)))
        {
            // Aggregated from the long table as written rather than by joining the store again.
            TableExporter.Write(run.Store.Connection, staging.Directory, "summary", ExportQueries.SummaryOf(BigTables[0].Rows(parts))),
        };
        tables.AddRange(Reporting.Judges.JudgeExports.Write(run.Store, staging.Directory));
        parts.Publish(staging);
        var manifest = ManifestBuilder.Build(study, run.Store, tables);
        File.WriteAllText(Path.Combine(directory, "manifest.json"), JsonSerializer.Serialize(manifest, ManifestJson) + "\n");
        ReportSummary(context, run.Store, TableExporter.Rows(directory, "summary"));
        context.Reporter.Info(SpendLine(run.Store));
        context.Reporter.Info($"parts written: {parts.Changed.Count} of {parts.All.Count} condition(s) changed since the last export");
        context.Reporter.Info($"results: {directory}{Path.DirectorySeparatorChar} (long/*.parquet, long.csv, summary.csv, manifest.json); store: {run.Store.Path}");
        run.Succeeded();
        return manifest;
    }

    /// <summary>
    /// The changed parts of the three tables of one row per cell (or grading) and the books' reconciliation, in two lanes
    /// (<see cref="ExportLanes"/>): the biggest Parquet parts first, each table's CSV once its Parquet parts are written;
    /// the fingerprints, which decide which parts are written, in a lane too (<see cref="ExportParts.FingerprintJob"/>).
    /// </summary>
    private static Reporting.Books.LedgerReconciliation.Totals WriteTables(StudyStore store, ExportParts parts)
    {
        Reporting.Books.LedgerReconciliation.Totals? totals = null;
        var parquet = BigTables.Select(table => new ExportJob(table.Name + ".parquet", connection => table.WriteParquet(connection, parts), After: parts.DecidedBy));
        // Jobs are taken in this order, the first ready one each time: the fingerprints first when the Parquet parts wait
        // for them (the books then run beside them), after the Parquet parts when those do not.
        var jobs = (parts.DecidedBy is null ? parquet.Append(parts.FingerprintJob) : parquet.Prepend(parts.FingerprintJob))
            .Append(new ExportJob("books", connection => totals = Reporting.Books.LedgerReconciliation.Check(connection)))
            .Concat(BigTables.Select(table => new ExportJob(table.Name + ".csv", connection => table.WriteCsv(connection, parts), After: table.Name + ".parquet")))
            .ToList();
        ExportLanes.Run(store, jobs);
        return totals!;
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
        if (rows.Count == 0)
        {
            // The long table crosses each cell with the graders that apply to its item: with none, it has no rows, and an
            // empty table under its header read as if the export had lost them.
            context.Reporter.Info("summary: no scores — no grader applies to any item of the study (add one under graders: in study.yaml, then run Grade); the answers are in solutions.csv");
            return;
        }

        foreach (var line in TextTable.Render(["condition", "grader", "graded", "cells", "mean", "s.e.", "cost"], rows))
        {
            context.Reporter.Info(line);
        }
    }
}
