using System.Text.RegularExpressions;

namespace ItemEval.EndToEnd.Tests;

/// <summary>The README's first command, run for real on a temp copy of studies/example.</summary>
public sealed class ExampleStudyTests
{
    // 2 models × 2 lanes × 2 templates × 20 items × 2 epochs.
    private const int Cells = 320;
    private static readonly string[] StudyTargets = ["LockDatasets", "ExpandGrid", "BudgetCheck", "Generate", "Grade", "Export"];

    [Fact]
    public void Export_runs_the_whole_pipeline_and_a_second_run_is_up_to_date()
    {
        using var study = StudyWorkspace.CopyOf("example");

        var first = study.Build("Export");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(Cells, study.Query<int>("SELECT count(*) FROM solutions WHERE status IN ('done', 'empty')"));
        Assert.Equal(Cells, study.Query<int>("SELECT count(*) FROM ledger"));
        Assert.Equal(Cells, study.Query<int>("SELECT count(*) FROM grading_plan"));
        Assert.Equal(Cells, study.Query<int>($"SELECT count(*) FROM read_parquet('{study.ExportDirectory}/long/*.parquet')"));
        foreach (var file in new[] { "long.csv", "gradings.csv", "summary.csv", "manifest.json" })
        {
            Assert.True(File.Exists(Path.Combine(study.ExportDirectory, file)), file);
        }

        foreach (var table in new[] { "long", "solutions", "gradings" })
        {
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(study.ExportDirectory, table), "*.parquet"));
        }

        var manifestBefore = File.ReadAllText(Path.Combine(study.ExportDirectory, "manifest.json"));
        var second = study.Build("Export");

        Assert.True(second.ExitCode == 0, second.ToString());
        foreach (var target in StudyTargets)
        {
            Assert.Matches(new Regex($@"{target}\W+Up to date", RegexOptions.Multiline), second.Output);
        }

        Assert.Equal(Cells, study.Query<int>("SELECT count(*) FROM ledger"));
        Assert.Equal(manifestBefore, File.ReadAllText(Path.Combine(study.ExportDirectory, "manifest.json")));
    }

    [Fact]
    public void Editing_one_template_regenerates_exactly_that_templates_cells()
    {
        using var study = StudyWorkspace.CopyOf("example");
        Assert.Equal(0, study.Build("Export").ExitCode);

        study.Edit("prompts/cot.txt", text => text.Replace("Think step by step", "Reason step by step", StringComparison.Ordinal));
        var rerun = study.Build("Export");

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Matches(new Regex(@"LockDatasets\W+Up to date"), rerun.Output);
        var callsInLastGenerate = study.Query<int>("SELECT calls FROM runs WHERE target = 'Generate' ORDER BY started_at DESC LIMIT 1");
        Assert.Equal(Cells / 2, callsInLastGenerate);
        Assert.Equal(Cells + (Cells / 2), study.Query<int>("SELECT count(*) FROM ledger"));
        Assert.Equal(0, study.Query<int>(
            "SELECT count(*) FROM ledger l JOIN cells c ON c.cell_key = l.cell_key WHERE c.condition_id LIKE '%-direct-%' AND l.run_id = (SELECT run_id FROM runs WHERE target = 'Generate' ORDER BY started_at DESC LIMIT 1)"));

        // Going back to the earlier text finds the earlier solutions: nothing is paid again.
        study.Edit("prompts/cot.txt", text => text.Replace("Reason step by step", "Think step by step", StringComparison.Ordinal));
        var back = study.Build("Export");
        Assert.True(back.ExitCode == 0, back.ToString());
        Assert.Equal(Cells + (Cells / 2), study.Query<int>("SELECT count(*) FROM ledger"));
    }

    [Fact]
    public void Editing_the_design_leaves_the_datasets_locked_and_editing_a_dataset_loads_it_again()
    {
        using var study = StudyWorkspace.CopyOf("example");
        Assert.Equal(0, study.Build("ExpandGrid").ExitCode);

        // study.yaml changed, but not its datasets: LockDatasets is up to date and only the grid is expanded again.
        study.Edit("study.yaml", text => text.Replace("epochs: 2", "epochs: 3", StringComparison.Ordinal));
        var designEdited = study.Build("ExpandGrid");

        Assert.True(designEdited.ExitCode == 0, designEdited.ToString());
        Assert.Matches(new Regex(@"LockDatasets\W+Up to date"), designEdited.Output);
        Assert.Matches(new Regex(@"ExpandGrid\W+Succeeded"), designEdited.Output);
        Assert.Equal(Cells / 2 * 3, study.Query<int>("SELECT count(*) FROM cells"));

        // The datasets section changed: the items are read and loaded again, and the grid follows them.
        study.Edit("study.yaml", text => text.Replace("    path: data/items.jsonl\n", "    path: data/items.jsonl\n    limit: 10\n", StringComparison.Ordinal));
        var datasetEdited = study.Build("ExpandGrid");

        Assert.True(datasetEdited.ExitCode == 0, datasetEdited.ToString());
        Assert.Matches(new Regex(@"LockDatasets\W+Succeeded"), datasetEdited.Output);
        Assert.Equal(10, study.Query<int>("SELECT count(*) FROM items"));
        Assert.Equal(Cells / 4 * 3, study.Query<int>("SELECT count(*) FROM cells"));
    }

    [Fact]
    public async Task A_crashed_run_resumes_without_paying_for_a_finished_cell_twice()
    {
        using var study = StudyWorkspace.CopyOf("example");
        // Slow the mock models down so the run is still going when it is killed.
        study.Edit("study.yaml", text => text.Replace("{accuracy: 0.9}", "{accuracy: 0.9, latency_ms: 400}", StringComparison.Ordinal)
            .Replace("{accuracy: 0.45}", "{accuracy: 0.45, latency_ms: 400}", StringComparison.Ordinal));

        var killed = await study.BuildAsync(["Export"], (process, line) =>
        {
            if (Regex.IsMatch(line, @"\b[1-9]\d*/320 cells"))
            {
                process.Kill(entireProcessTree: true);
            }
        });

        Assert.NotEqual(0, killed.ExitCode);
        var keptAfterCrash = study.Query<int>("SELECT count(*) FROM solutions");
        Assert.InRange(keptAfterCrash, 1, Cells - 1);

        var resumed = study.Build("Export");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(Cells, study.Query<int>("SELECT count(*) FROM solutions"));
        // No cell is paid twice: a call answered just before the crash but not yet stored comes back from the
        // response cache at $0 instead of going to the model again. (Its ledger row may have been written before the
        // crash — the ledger lists every attempt the provider may have billed — so such a cell is paid once, cached once.)
        var paid = study.Query<int>("SELECT count(*) FROM ledger WHERE NOT cache_hit");
        Assert.Equal(paid, study.Query<int>("SELECT count(DISTINCT cell_key) FROM ledger WHERE NOT cache_hit"));
        Assert.Equal(0, study.Query<int>("SELECT count(*) FROM solutions WHERE NOT cache_hit AND cell_key NOT IN (SELECT cell_key FROM ledger WHERE NOT cache_hit)"));

        // Each cell served from the cache has its $0 ledger row, with the tokens it saved.
        Assert.Equal(study.Query<int>("SELECT count(*) FROM solutions WHERE cache_hit"), study.Query<int>("SELECT count(*) FROM ledger WHERE cache_hit AND usd = 0 AND input_tokens > 0"));
        Assert.InRange(paid, Cells - study.Query<int>("SELECT count(*) FROM solutions WHERE cache_hit"), Cells);

        // The killed run does not stay "running" forever: the next stage to take the lock marks it abandoned.
        Assert.Matches(new Regex(@"run \S+ \(Generate, started [^)]+\) ended without finishing \(killed or crashed\): marked abandoned"), resumed.Output);
        Assert.Equal(0, study.Query<int>("SELECT count(*) FROM runs WHERE status = 'running'"));
        Assert.Equal(1, study.Query<int>("SELECT count(*) FROM runs WHERE status = 'abandoned' AND target = 'Generate'"));
    }

    [Fact]
    public void A_typo_in_a_template_fails_before_any_call_pointing_at_the_study_file()
    {
        using var study = StudyWorkspace.CopyOf("example");
        study.Edit("prompts/cot.txt", text => text.Replace("{input}", "{questoin}", StringComparison.Ordinal));

        var result = study.Build("Export");

        Assert.Equal(2, result.ExitCode);
        Assert.Matches(new Regex(@"study\.yaml\(\d+,\d+\): error IEV0101: .*\{questoin\}"), result.Output);
        Assert.False(File.Exists(Path.Combine(study.StudyArtifacts, "itemeval.duckdb")));
    }

    [Fact]
    public void An_unknown_key_is_a_configuration_error_with_its_line()
    {
        using var study = StudyWorkspace.CopyOf("example");
        study.Edit("study.yaml", text => text.Replace("  epochs: 2", "  epocs: 2", StringComparison.Ordinal));

        var result = study.Build("Export");

        Assert.Equal(2, result.ExitCode);
        var line = File.ReadAllLines(Path.Combine(study.StudyDirectory, "study.yaml")).ToList().FindIndex(text => text.Contains("epocs", StringComparison.Ordinal)) + 1;
        Assert.Matches(new Regex($@"study\.yaml\({line},\d+\): error IEV0103: .*epocs"), result.Output);
    }

    [Fact]
    public void Failed_cells_are_reported_per_condition_and_exit_1_while_the_rest_is_exported()
    {
        using var study = StudyWorkspace.CopyOf("example");
        study.Edit("study.yaml", text => text.Replace("{accuracy: 0.45}", "{accuracy: 0.45, error_rate: 0.2}", StringComparison.Ordinal));

        var result = study.Build("Export");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Matches(new Regex(@"error IEV0401: mock-sloppy-t0-direct-\w+: \d+ of 40 cells failed"), result.Output);
        Assert.DoesNotMatch(new Regex(@"error IEV0401: mock-careful"), result.Output);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(study.ExportDirectory, "long"), "*.parquet"));
        Assert.True(study.Query<int>("SELECT count(*) FROM solutions WHERE status = 'error'") > 0);
    }
}
