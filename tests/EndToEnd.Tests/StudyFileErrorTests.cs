using System.Text.RegularExpressions;

namespace ItemEval.EndToEnd.Tests;

/// <summary>
/// Mistakes in study.yaml, through the front end as a user meets them: one canonical <c>study.yaml(line,col)</c>
/// error, exit 2, and nothing run (no store is even created, so nothing can have been spent).
/// </summary>
public sealed class StudyFileErrorTests
{
    [Theory]
    [InlineData("{accuracy: 0.9}", "{accuracy: 0.9", @"study\.yaml\(20,16\): error IEV0102: .*'\{' is never closed")]
    [InlineData("{accuracy: 0.9}", "{accuracy: 0.9, batch: true}", @"study\.yaml\(20,\d+\): error IEV0103: unknown key 'batch'")]
    [InlineData("{accuracy: 0.9}", "{accuracy: 0.9, max_concurency: 4}", @"study\.yaml\(20,\d+\): error IEV0103: .*did you mean 'max_concurrency'\?")]
    [InlineData("epochs: 2", "epochs: 1000000000", @"study\.yaml\(44,11\): error IEV0108: design\.epochs must be at most 1000")]
    [InlineData("max_tokens: 256", "max_tokens: 100000000", @"study\.yaml\(\d+,\d+\): error IEV0108: .*max_tokens must be at most")]
    [InlineData("graders:\n", "graders:\n  - name: rx\n    type: regex\n    options: {pattern: '(?<answer>\\d+'}\n", @"study\.yaml\(49,\d+\): error IEV0108: grader 'rx': pattern .* is not a valid regular expression")]
    public void A_config_mistake_is_a_study_yaml_error_with_exit_2_before_anything_runs(string from, string to, string expected)
    {
        using var study = StudyWorkspace.CopyOf("example");
        study.Edit("study.yaml", text => ReplaceFirst(text, from, to));

        var result = study.Build("Generate", "--yes");

        AssertRefused(study, result, expected);
    }

    [Fact]
    public void A_lock_file_that_is_a_folder_is_a_study_yaml_error_with_exit_2()
    {
        using var study = StudyWorkspace.CopyOf("example");
        File.Delete(Path.Combine(study.StudyDirectory, "datasets.lock.json"));
        Directory.CreateDirectory(Path.Combine(study.StudyDirectory, "datasets.lock.json"));

        var result = study.Build("Generate", "--yes");

        AssertRefused(study, result, @"study\.yaml\(7,5\): error IEV0205: .*datasets\.lock\.json is a folder, not a lock file");
    }

    [Fact]
    public void A_dry_run_needs_no_confirmation_and_leaves_the_real_run_to_ask_for_one()
    {
        using var study = StudyWorkspace.CopyOf("example");
        // A priced real model: Generate would spend, so without --dry-run the run must ask. The dry run sends nothing.
        study.Edit("study.yaml", text => text
            .Replace("id: mock/careful\n      options: {accuracy: 0.9}", "id: openai/gpt-4o-mini\n      options: {base_url: \"http://127.0.0.1:9/v1\"}", StringComparison.Ordinal)
            .Replace("max_usd: 0.50", "max_usd: 0.50\n  prices:\n    openai/gpt-4o-mini: {input: 0.15, output: 0.6}", StringComparison.Ordinal));

        var dryRun = study.Build("Generate", "--dry-run");

        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Contains("nothing was sent", dryRun.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(study.StudyArtifacts, "dry-run", "requests.jsonl")));

        var real = study.Build("Generate");

        Assert.True(real.ExitCode == 3, real.ToString());
        Assert.Contains("error IEV0301", real.Output, StringComparison.Ordinal);
    }

    internal static void AssertRefused(StudyWorkspace study, FrontEndResult result, string expected)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Matches(new Regex(expected, RegexOptions.Multiline), result.Output);
        Assert.DoesNotContain("IEV0900", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(study.StudyArtifacts, "itemeval.duckdb")), "nothing may run before the study file is fixed");
    }

    private static string ReplaceFirst(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{from}' not in study.yaml");
        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }
}
