using System.Globalization;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace ItemEval.EndToEnd.Tests;

/// <summary>
/// Export is redone whenever what it exports changed, not only when a grading did: a study without graders exports
/// its solutions, and a run that stores solutions or changes the grid must not leave the previous export in place.
/// </summary>
public sealed class ExportFreshnessTests
{
    [Fact]
    public void Export_of_a_study_without_graders_shows_the_solutions_a_later_run_stored()
    {
        using var study = WithoutGraders();
        var dev = study.Build("Export", "--policy", "dev");
        Assert.True(dev.ExitCode == 0, dev.ToString());
        var devRows = ExportedSolutions(study);

        var full = study.Build("Export", "--policy", "full-interactive");

        Assert.True(full.ExitCode == 0, full.ToString());
        var stored = study.Query<long>("SELECT count(*) FROM solutions");
        Assert.True(devRows < stored, $"the dev run should store fewer solutions ({devRows}) than the full run ({stored})");
        Assert.Equal(stored, ExportedSolutions(study));
        Assert.Matches(new Regex(@"^\s*0 grader\(s\)", RegexOptions.Multiline), full.Output);
    }

    [Fact]
    public void Export_of_a_study_without_graders_drops_a_condition_the_grid_lost()
    {
        using var study = WithoutGraders();
        Assert.Equal(0, study.Build("Export").ExitCode);
        study.Edit("study.yaml", text => text.Replace("  templates:\n    - name: direct\n      path: prompts/direct.txt\n      system: prompts/system.txt\n", "  templates:\n", StringComparison.Ordinal));

        var result = study.Build("Export");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(0L, Exported(study, "SELECT count(*) FROM read_parquet('{0}/solutions/*.parquet') WHERE template = 'direct'"));
        Assert.Equal(study.Query<long>("SELECT count(*) FROM cells"), ExportedSolutions(study));
    }

    private static StudyWorkspace WithoutGraders()
    {
        var study = StudyWorkspace.CopyOf("example");
        // No graders, and no answer scheme from which a default scorer would be chosen: nothing is ever graded.
        study.Edit("study.yaml", text => Regex.Replace(Regex.Replace(text, @"(?ms)^graders:.*?(?=^budget:)", ""), @"(?m)^\s*scheme: scheme\n", ""));
        return study;
    }

    private static long ExportedSolutions(StudyWorkspace study) =>
        Exported(study, "SELECT count(*) FROM read_parquet('{0}/solutions/*.parquet')");

    private static long Exported(StudyWorkspace study, string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = string.Format(CultureInfo.InvariantCulture, sql, study.ExportDirectory.Replace("'", "''", StringComparison.Ordinal));
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
