using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;

namespace ItemEval.Bench;

/// <summary>
/// Issue 10's "Export of 1,000,000 long-table rows": a scale study of <c>--rows</c> cells (1,250 GSM8K items × 8
/// conditions × rows / 10,000 epochs, one grader, so one long row per cell) is expanded by the real ExpandGrid, its
/// solutions, grading plan and gradings are filled straight into the store in SQL (no model, no grader), and then the
/// real Export stage runs in this process: wall, CPU and the peak RSS of the export alone.
/// </summary>
internal static class ExportBenchmark
{
    // One synthetic, graded solution per cell of the current grid, and its ledger row: what Generate and Grade would
    // have stored for a free (mock) model, so Export's books balance. Every INSERT names its columns, so a column the schema gains later (solutions.batch_id, gradings.verdict_code, …)
    // takes its default instead of breaking the benchmark.
    private const string Fill = """
        INSERT INTO solutions (cell_key, condition_id, item_uid, epoch, model, status, output, error, finish_reason,
                               requested_parameters, effective_parameters, input_tokens, output_tokens, reasoning_tokens,
                               cache_read_tokens, cache_write_tokens, usd, latency_ms, provider_request_id, attempts,
                               retries, cache_hit, run_id, created_at, transcript)
        SELECT cell_key, condition_id, item_uid, epoch, split_part(condition_id, '-', 1) || '/' || split_part(condition_id, '-', 2),
               'done', 'Adding them up, the answer is ' || (hash(cell_key) % 1000) || '.', NULL, 'stop', '{}', '{}',
               40, 12, 0, 0, 0, 0, 3.5, NULL, 1, 0, false, 'bench', now(), NULL
        FROM cells;
        INSERT INTO ledger (entry_id, run_id, kind, cell_key, model, input_tokens, output_tokens, usd, recorded_at)
        SELECT 'bench-' || cell_key, 'bench', 'generate', cell_key, model, 40, 12, 0, now() FROM solutions;
        INSERT INTO graders (grader, grader_type, scheme, options) VALUES ('numeric', 'numeric', 'numeric', '{}');
        INSERT INTO grading_plan (cell_key, grader, grading_key) SELECT cell_key, 'numeric', sha256(cell_key || '/numeric') FROM cells;
        INSERT INTO gradings (grading_key, cell_key, grader, grader_type, score, passed, extracted, detail, usd, run_id,
                              created_at, status, error, input_tokens, output_tokens, transcript)
        SELECT grading_key, cell_key, 'numeric', 'numeric', (hash(cell_key) % 2)::DOUBLE, hash(cell_key) % 2 = 1,
               CAST(hash(cell_key) % 1000 AS VARCHAR), NULL, 0, 'bench', now(), 'done', NULL, NULL, NULL, NULL
        FROM grading_plan;
        """;

    public static int Run(IReadOnlyList<string> args)
    {
        if (BenchOptions.Value(args, "--study") is { } kept)
        {
            return Again(kept);
        }

        var rows = int.Parse(BenchOptions.Value(args, "--rows") ?? "1000000", NumberStyles.None, CultureInfo.InvariantCulture);
        var dataset = BenchOptions.Value(args, "--dataset") ?? "/work/shared/datasets/gsm8k/test.jsonl";
        using var study = ScaleStudy.Create(rows, dataset);
        study.Keep = args.Contains("--keep");
        var context = new StageContext(study.StudyFile, study.ArtifactsRoot, new StageOptions(Yes: true), new ConsoleStageReporter(), new BenchEnvironment());
        Console.WriteLine($"{study.Cells:N0} cells ({study.Items:N0} GSM8K items × 8 conditions × {study.Epochs} epochs) in {study.Directory}");

        ResolveStage.Run(context);
        LockDatasetsStage.Run(context);
        var expand = Measure(() => ExpandGridStage.Run(context));
        var fill = Measure(() =>
        {
            // The bench's own connection: the store is a plain DuckDB file that any client may open when no run holds it.
            using var connection = new DuckDBConnection($"Data Source={StudyStore.PathIn(study.ArtifactsRoot)}");
            connection.Open();
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.CommandText = Fill;
            command.ExecuteNonQuery();
            transaction.Commit();
        });
        var export = Measure(() => ExportStage.Run(context));
        // Nothing changed: every part and CSV is kept, so this is the fixed cost (the fingerprints, the books' reconciliation).
        var again = Measure(() => ExportStage.Run(context));

        var directory = context.ExportDirectory;
        Console.WriteLine();
        Console.WriteLine("| step | wall | CPU | peak RSS during the step |");
        Console.WriteLine("|---|---:|---:|---:|");
        PrintRow($"ExpandGrid ({study.Cells:N0} cells, in-process)", expand);
        PrintRow("fill solutions + gradings in SQL (not ItemEval's cost)", fill);
        PrintRow("**Export (in-process)**", export);
        PrintRow("Export again, no row changed (in-process)", again);
        foreach (var table in new[] { "long", "solutions", "gradings" })
        {
            var parts = Directory.GetFiles(Path.Combine(directory, table), "*.parquet");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"- {table}/ ({parts.Length} parts): {parts.Sum(part => new FileInfo(part).Length) / 1048576.0:F1} MiB; {table}.csv: {new FileInfo(Path.Combine(directory, table + ".csv")).Length / 1048576.0:F1} MiB"));
        }

        return 0;
    }

    /// <summary>
    /// <c>--study &lt;folder&gt;</c>: a study kept by an earlier <c>export --keep</c>, exported again from clean (its
    /// export/ folder deleted) and once more with nothing changed, without building and filling the store again: for
    /// before/after comparisons of Export alone, alternated on the same store.
    /// </summary>
    private static int Again(string folder)
    {
        var context = new StageContext(Path.Combine(folder, "study.yaml"), Path.Combine(folder, "artifacts"), new StageOptions(Yes: true), new ConsoleStageReporter(), new BenchEnvironment());
        if (Directory.Exists(context.ExportDirectory))
        {
            Directory.Delete(context.ExportDirectory, recursive: true);
        }

        var export = Measure(() => ExportStage.Run(context));
        var again = Measure(() => ExportStage.Run(context));
        Console.WriteLine();
        Console.WriteLine("| step | wall | CPU | peak RSS during the step |");
        Console.WriteLine("|---|---:|---:|---:|");
        PrintRow("**Export from clean (in-process)**", export);
        PrintRow("Export again, no row changed (in-process)", again);
        return 0;
    }

    private static StepMeasurement Measure(Action step)
    {
        PeakRss.Reset();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        step();
        return new StepMeasurement(clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, PeakRss.Kilobytes());
    }

    private static void PrintRow(string step, StepMeasurement row) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {step} | {row.WallSeconds:F1} s | {row.CpuSeconds:F1} s | {row.PeakRssKilobytes / 1024.0:F0} MiB |"));

    private sealed record StepMeasurement(double WallSeconds, double CpuSeconds, long PeakRssKilobytes);
}
