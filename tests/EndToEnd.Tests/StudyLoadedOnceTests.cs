using System.Text.RegularExpressions;

namespace ItemEval.EndToEnd.Tests;

/// <summary>The tasks of one build share the study they load: study.yaml is parsed once per build, not once per task.</summary>
public sealed class StudyLoadedOnceTests
{
    /// <summary>The line the runtime logs at -v:detailed each time it really parses study.yaml (LoadedStudy.ParsedMessage).</summary>
    private const string Parsed = "study.yaml parsed";

    [Fact]
    public void Export_from_clean_and_its_no_op_rerun_each_parse_study_yaml_once()
    {
        using var study = StudyWorkspace.CopyOf("example");

        var fromClean = study.Build("Export", "--verbosity", "detailed");
        var rerun = study.Build("Export", "--verbosity", "detailed");

        Assert.True(fromClean.ExitCode == 0, fromClean.ToString());
        // Every stage ran (seven tasks that each used to parse the study), yet the study was parsed once.
        foreach (var target in new[] { "LockDatasets", "ExpandGrid", "BudgetCheck", "Generate", "Grade", "Export" })
        {
            Assert.Matches(new Regex($@"^\s*{target}\s+Succeeded", RegexOptions.Multiline), fromClean.Output);
        }

        Assert.Equal(1, Count(fromClean.Output));
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(1, Count(rerun.Output));
    }

    [Fact]
    public void An_edit_of_study_yaml_between_builds_is_seen()
    {
        using var study = StudyWorkspace.CopyOf("example");
        Assert.Equal(0, study.Build("ExpandGrid").ExitCode);
        study.Edit("study.yaml", text => Regex.Replace(text, @"(?m)^(\s*epochs:\s*)\d+", "${1}3"));

        var result = study.Build("ExpandGrid", "--verbosity", "detailed");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1, Count(result.Output));
        Assert.Equal(480, study.Query<int>("SELECT count(*) FROM cells"));
    }

    private static int Count(string output) => Regex.Count(output, Regex.Escape(Parsed));
}
