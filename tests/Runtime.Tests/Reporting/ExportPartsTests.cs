using System.Globalization;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Reporting;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;
using ItemEval.Runtime.Tests.Stages;

namespace ItemEval.Runtime.Tests.Reporting;

/// <summary>
/// Export in proportion on a real store (2 conditions: templates <c>plain</c> and <c>cot</c>): after each kind of change,
/// every table (its Parquet parts and its CSV) must be exactly what the whole-table query over the store gives — which
/// fails if a changed condition's part were kept — and the parts of the conditions the change did not touch are kept.
/// A kept part is told by its modification time, set far in the past before the second Export.
/// </summary>
public sealed class ExportPartsTests
{
    private static readonly DateTime Untouched = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Tables = ["long", "solutions", "gradings"];

    [Fact]
    public async Task Nothing_changed_keeps_every_part()
    {
        using var study = await ExportedStudyAsync();

        Assert.Empty(ExportAgain(study));
        AssertExportIsCurrent(study);
    }

    [Fact]
    public async Task Nothing_changed_keeps_every_csv_as_published()
    {
        using var study = await ExportedStudyAsync();
        var csvs = Tables.Select(table => Path.Combine(study.Context().ExportDirectory, table + ".csv")).ToList();
        foreach (var csv in csvs)
        {
            File.SetLastWriteTimeUtc(csv, Untouched);
        }

        Assert.Empty(ExportAgain(study));

        Assert.All(csvs, csv => Assert.Equal(Untouched, File.GetLastWriteTimeUtc(csv)));
        AssertExportIsCurrent(study);
    }

    [Fact]
    public async Task A_csv_cut_short_by_hand_is_written_again_though_nothing_changed()
    {
        using var study = await ExportedStudyAsync();
        var csv = Path.Combine(study.Context().ExportDirectory, "solutions.csv");
        using (var file = File.OpenWrite(csv))
        {
            file.SetLength(file.Length / 2);
        }

        Assert.Empty(ExportAgain(study));
        AssertExportIsCurrent(study);
    }

    [Fact]
    public async Task A_regenerated_cell_rewrites_its_condition_only()
    {
        using var study = await ExportedStudyAsync();
        using (var store = StudyStore.Open(study.Artifacts))
        {
            // An errored cell retried: the stored solution replaced, its output different.
            var cell = store.Connection.Query(
                    "SELECT cell_key, condition_id, item_uid, epoch, model FROM solutions WHERE condition_id LIKE '%-cot-%' LIMIT 1",
                    reader => new SolutionRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
                        SolutionStatus.Done, "a regenerated answer", null, "stop", "{}", "{}", new TokenUsage(3, 4), 0m, 1, null, 0, false, "test-regenerate"))
                .Single();
            store.Solutions.Save(cell);
        }

        Assert.Equal(["cot"], ExportAgain(study));
        AssertExportIsCurrent(study);
    }

    [Fact]
    public async Task A_redone_grading_rewrites_its_condition_only()
    {
        using var study = await ExportedStudyAsync();
        RedoOneGrading(study, "plain", grading => grading with { Score = 1 - grading.Score, Passed = !grading.Passed, RunId = "test-regrade" });

        Assert.Equal(["plain"], ExportAgain(study));
        AssertExportIsCurrent(study);
    }

    [Fact]
    public async Task A_judge_verdict_stored_again_in_the_same_run_rewrites_its_condition()
    {
        using var study = await ExportedStudyAsync();
        // Same run id, same score: only the verdict code and the write's time differ.
        RedoOneGrading(study, "cot", grading => grading with { VerdictCode = "no_verdict", RawText = "unparseable" });

        Assert.Equal(["cot"], ExportAgain(study));
        AssertExportIsCurrent(study);
    }

    [Fact]
    public async Task An_edited_template_rewrites_its_condition_whose_cells_changed()
    {
        using var study = await ExportedStudyAsync();
        File.WriteAllText(Path.Combine(study.Directory, "prompts", "cot.txt"), "Think it through. Q: {input}\n");
        await RunStagesAsync(study);

        Assert.Equal(["cot"], ExportAgain(study));
        AssertExportIsCurrent(study);
    }

    [Fact]
    public async Task After_a_template_edit_the_solutions_table_holds_each_current_cells_answer_once_and_no_stale_one()
    {
        using var study = await ExportedStudyAsync();
        File.WriteAllText(Path.Combine(study.Directory, "prompts", "cot.txt"), "Think it through. Q: {input}\n");
        await RunStagesAsync(study);
        ExportAgain(study);

        using var store = StudyStore.Open(study.Artifacts);
        var parts = $"read_parquet('{Path.Combine(study.Context().ExportDirectory, "solutions")}/*.parquet')";
        // The cot condition keeps its id (ids hash names), so its answers to the old template are still in the store under
        // it: only their cells are gone.
        Assert.True(Count(store, "SELECT count(*) FROM solutions WHERE cell_key NOT IN (SELECT cell_key FROM cells)") > 0);
        Assert.Equal(
            Count(store, "SELECT count(*) FROM cells c JOIN solutions s ON s.cell_key = c.cell_key"),
            Count(store, $"SELECT count(*) FROM {parts}"));
        Assert.Equal(0L, Count(store, $"SELECT count(*) FROM {parts} WHERE cell_key NOT IN (SELECT cell_key FROM cells)"));
        Assert.Equal(0L, Count(store, $"SELECT count(*) FROM (SELECT cell_key FROM {parts} GROUP BY cell_key HAVING count(*) > 1)"));
    }

    [Fact]
    public async Task A_template_removed_deletes_its_parts_and_one_added_writes_only_its_own()
    {
        using var study = await ExportedStudyAsync();
        var cotParts = PartFiles(study).Where(file => Path.GetFileName(file).Contains("-cot-", StringComparison.Ordinal)).ToList();
        File.WriteAllText(Path.Combine(study.Directory, "prompts", "v3.txt"), "Answer with a number. Q: {input}\n");
        File.WriteAllText(study.StudyFile, File.ReadAllText(study.StudyFile).Replace(
            "    - name: cot\n      path: prompts/cot.txt\n", "    - name: v3\n      path: prompts/v3.txt\n", StringComparison.Ordinal));
        await RunStagesAsync(study);

        Assert.Equal(["v3"], ExportAgain(study));
        AssertExportIsCurrent(study);
        Assert.NotEmpty(cotParts);
        Assert.All(cotParts, file => Assert.False(File.Exists(file), file));
    }

    [Fact]
    public async Task A_grader_added_rewrites_every_condition()
    {
        using var study = await ExportedStudyAsync();
        File.WriteAllText(study.StudyFile, File.ReadAllText(study.StudyFile).Replace(
            "    type: numeric\n", "    type: numeric\n  - name: exact\n    type: exact\n", StringComparison.Ordinal));
        await RunStagesAsync(study);

        using (var store = StudyStore.Open(study.Artifacts))
        {
            Assert.Equal(2L, Convert.ToInt64(store.Connection.Scalar("SELECT count(*) FROM graders"), CultureInfo.InvariantCulture));
        }

        Assert.Equal(["cot", "plain"], ExportAgain(study));
        AssertExportIsCurrent(study);
    }

    [Fact]
    public async Task A_changed_condition_without_rows_gets_a_part_with_the_columns_and_no_row()
    {
        using var study = await ExportedStudyAsync();
        using (var store = StudyStore.Open(study.Artifacts))
        {
            // No ItemEval path leaves a condition's plan empty after Grade; SQL stands in for it: cot has no gradings to export.
            store.Connection.Execute("DELETE FROM grading_plan WHERE cell_key IN (SELECT cell_key FROM cells WHERE condition_id LIKE '%-cot-%')");
        }

        Assert.Equal(["cot"], ExportAgain(study));
        AssertExportIsCurrent(study);
    }

    [Fact]
    public async Task A_part_deleted_by_hand_or_fingerprints_lost_to_a_kill_are_written_again()
    {
        using var study = await ExportedStudyAsync();
        File.Delete(PartFiles(study).First(file => file.Contains($"{Path.DirectorySeparatorChar}gradings{Path.DirectorySeparatorChar}", StringComparison.Ordinal)));

        Assert.Single(ExportAgain(study));
        AssertExportIsCurrent(study);

        // A kill between Publish's first and last step leaves no fingerprints: nothing is trusted, everything rewritten.
        File.Delete(Path.Combine(study.Context().ExportDirectory, ".parts", "fingerprints.json"));
        Assert.Equal(["cot", "plain"], ExportAgain(study));
        AssertExportIsCurrent(study);
    }

    /// <summary>Runs Export again after marking every part untouched; returns the templates whose parts were written.</summary>
    private static List<string> ExportAgain(TempStudy study)
    {
        foreach (var file in PartFiles(study))
        {
            File.SetLastWriteTimeUtc(file, Untouched);
        }

        ExportStage.Run(study.Context());
        var written = PartFiles(study).Where(file => File.GetLastWriteTimeUtc(file) != Untouched).ToList();
        var templates = written.Select(file => Path.GetFileNameWithoutExtension(file).Split('-')[^2]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        // A condition is written whole (its three Parquet parts and three CSV parts) or not at all.
        Assert.Equal(templates.Count * Tables.Length * 2, written.Count);
        return templates;
    }

    private static long Count(StudyStore store, string sql) => Convert.ToInt64(store.Connection.Scalar(sql), CultureInfo.InvariantCulture);

    private static List<string> PartFiles(TempStudy study)
    {
        var export = study.Context().ExportDirectory;
        return Tables.SelectMany(table => Directory.GetFiles(Path.Combine(export, table)).Concat(Directory.GetFiles(Path.Combine(export, ".parts", table)))).ToList();
    }

    /// <summary>Each table as a from-clean export would write it: the CSV byte for byte, the Parquet parts row for row.</summary>
    private static void AssertExportIsCurrent(TempStudy study)
    {
        var export = study.Context().ExportDirectory;
        using var store = StudyStore.Open(study.Artifacts);
        var conditions = store.Connection.Query("SELECT DISTINCT condition_id FROM cells ORDER BY 1", reader => reader.GetString(0)).ToList();
        foreach (var (table, query) in new[] { ("long", ExportQueries.Long()), ("solutions", ExportQueries.Solutions()), ("gradings", ExportQueries.Gradings()) })
        {
            var expected = Path.Combine(study.Directory, "expected-" + table + ".csv");
            store.Connection.Execute($"COPY ({CsvFormulaGuard.Wrap(store.Connection, query)}) TO '{expected}' (FORMAT csv, HEADER true)");
            Assert.Equal(File.ReadAllText(expected), File.ReadAllText(Path.Combine(export, table + ".csv")));

            var parts = $"SELECT * FROM read_parquet('{Path.Combine(export, table)}/*.parquet')";
            Assert.Equal(0L, Convert.ToInt64(store.Connection.Scalar(
                $"SELECT (SELECT count(*) FROM (({query}) EXCEPT ALL ({parts}))) + (SELECT count(*) FROM (({parts}) EXCEPT ALL ({query})))"), CultureInfo.InvariantCulture));
            Assert.Equal(conditions.Select(id => id + ".parquet"), Directory.GetFiles(Path.Combine(export, table)).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
    }

    private static void RedoOneGrading(TempStudy study, string template, Func<GradingRecord, GradingRecord> redo)
    {
        using var store = StudyStore.Open(study.Artifacts);
        var grading = store.Connection.Query(
                $"""
                SELECT g.grading_key, g.cell_key, g.grader, g.grader_type, g.status, g.score, g.passed, g.extracted, g.detail, g.run_id
                FROM gradings g JOIN solutions s ON s.cell_key = g.cell_key WHERE s.condition_id LIKE '%-{template}-%' ORDER BY g.grading_key LIMIT 1
                """,
                reader => new GradingRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetDouble(5), reader.GetBoolean(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                    null, 0m, null, null, null, reader.GetString(9)))
            .Single();
        store.Gradings.SaveAll([redo(grading)]);
    }

    private static async Task<TempStudy> ExportedStudyAsync()
    {
        var study = new TempStudy(items: 6);
        await RunStagesAsync(study);
        ExportStage.Run(study.Context());
        return study;
    }

    private static async Task RunStagesAsync(TempStudy study)
    {
        study.Prepare();
        var client = new ScriptedClient((_, request, _) => Task.FromResult(ScriptedClient.Answer($"The answer is {request.Reference}.")));
        await GenerateStage.RunAsync(study.Context(), CancellationToken.None, new ModelClientRouter(_ => client));
        await GradeStage.RunAsync(study.Context(), CancellationToken.None);
    }
}
