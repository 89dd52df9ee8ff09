using System.Text.RegularExpressions;

namespace ItemEval.EndToEnd.Tests;

/// <summary>Every public target run through the front end on the example study with a real, exported store.</summary>
public sealed class PublicTargetTests : IClassFixture<ExportedExampleFixture>
{
    private const int Conditions = 8;
    private readonly ExportedExampleFixture _export;

    public PublicTargetTests(ExportedExampleFixture export) => _export = export;

    [Theory]
    [InlineData("LockDatasets")]
    [InlineData("ExpandGrid")]
    [InlineData("BudgetCheck")]
    [InlineData("Generate")]
    [InlineData("Grade")]
    [InlineData("Export")]
    public void A_pipeline_target_on_an_exported_study_is_up_to_date(string target)
    {
        Assert.True(_export.Result.ExitCode == 0, _export.Result.ToString());

        var result = _export.Study.Build(target);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(new Regex($@"^\s*{target}\s+Up to date", RegexOptions.Multiline), result.Output);
    }

    [Fact]
    public void Export_of_free_mock_models_says_nothing_was_billed_instead_of_tables_of_zeros()
    {
        Assert.True(_export.Result.ExitCode == 0, _export.Result.ToString());

        Assert.Matches(new Regex(@"books balance: nothing billed \(320 calls, 0 served from the response cache\)"), _export.Result.Output);
        Assert.DoesNotContain("actual/estimate", _export.Result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_prints_every_condition_with_all_its_cells_done()
    {
        Assert.True(_export.Result.ExitCode == 0, _export.Result.ToString());

        var result = _export.Study.Build("Status");

        Assert.True(result.ExitCode == 0, result.ToString());
        // condition, expected 40, done 40, errors 0, empty 0, pending 0.
        Assert.Equal(Conditions, Regex.Count(result.Output, @"^\s*mock-\S+\s+40\s+40\s+0\s+0\s+0\s", RegexOptions.Multiline));
        Assert.Matches(new Regex(@"spent so far \(ledger\): \$0\.0000"), result.Output);
        Assert.Matches(new Regex(@"^\s*Status\s+Succeeded", RegexOptions.Multiline), result.Output);
    }

    [Fact]
    public void Estimate_on_an_exported_study_has_nothing_left_to_pay()
    {
        Assert.True(_export.Result.ExitCode == 0, _export.Result.ToString());

        var result = _export.Study.Build("Estimate");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(new Regex(@"pending \$0\.0000 expected \(\$0\.0000 discounted\), worst case \$0\.0000 \(the expected figure is checked against the cap\); spent so far \$0\.0000; cap \$0\.50"), result.Output);
        Assert.Matches(new Regex(@"^\s*Estimate\s+Succeeded", RegexOptions.Multiline), result.Output);
    }

    [Fact]
    public void Clean_removes_a_filled_store_and_keeps_the_dataset_lock()
    {
        using var study = StudyWorkspace.CopyOf("example");
        Assert.Equal(0, study.Build("ExpandGrid").ExitCode);
        Assert.Equal(320, study.Query<int>("SELECT count(*) FROM cells"));

        var result = study.Build("Clean");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"removed {study.StudyArtifacts}", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(study.StudyArtifacts));
        Assert.True(File.Exists(Path.Combine(study.StudyDirectory, "datasets.lock.json")));
    }
}
