using ItemEval.Build.Help;

namespace ItemEval.Build.Tests.Help;

public sealed class TargetCatalogTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "itemeval-targets-" + Guid.NewGuid().ToString("N")[..8] + ".targets");

    public TargetCatalogTests() => File.WriteAllText(_file, """
        <Project>
          <Target Name="_Hidden" />
          <Target Name="First" DependsOnTargets="_Hidden" Label="Does the first thing" />
          <Target Name="Second" DependsOnTargets="First" Label="Does the second thing" />
          <Target Name="Alone" Label="Stands alone" />
        </Project>
        """);

    [Fact]
    public void Reads_public_targets_with_descriptions_and_adds_Test()
    {
        var catalog = TargetCatalog.Load(_file);

        Assert.Equal(["First", "Second", "Alone", "Test"], catalog.Public.Select(target => target.Name));
        Assert.Equal("Does the second thing", catalog.Public.Single(target => target.Name == "Second").Description);
    }

    [Fact]
    public void Help_lists_every_public_target_and_no_hidden_one()
    {
        var help = HelpText.Render(TargetCatalog.Load(_file));

        Assert.Contains("First", help, StringComparison.Ordinal);
        Assert.Contains("after: First", help, StringComparison.Ordinal);
        Assert.Contains("Stands alone", help, StringComparison.Ordinal);
        Assert.DoesNotContain("_Hidden", help, StringComparison.Ordinal);
        Assert.Contains("--study", help, StringComparison.Ordinal);
        Assert.Contains("--data-root <dir>", help, StringComparison.Ordinal);
        Assert.Contains("ITEMEVAL_DATA_ROOT", help, StringComparison.Ordinal);
        Assert.Contains("Exit codes", help, StringComparison.Ordinal);
    }

    [Fact]
    public void The_plan_puts_dependencies_first_and_hides_private_targets()
    {
        var catalog = TargetCatalog.Load(_file);

        Assert.Equal(["First", "Second"], catalog.Plan(["Second"]));
        Assert.Equal("Second", catalog.Canonical("second"));
        Assert.Null(catalog.Canonical("_Hidden"));
    }

    [Fact]
    public void The_real_targets_file_describes_every_public_target()
    {
        var repo = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(repo.FullName, "ItemEval.sln")))
        {
            repo = repo.Parent!;
        }

        var catalog = TargetCatalog.Load(Path.Combine(repo.FullName, "src", "Tasks", "ItemEval.targets"));

        Assert.Equal(["LockDatasets", "ExpandGrid", "BudgetCheck", "Generate", "Grade", "Export", "Estimate", "Status", "Clean", "Test"], catalog.Public.Select(target => target.Name));
        Assert.All(catalog.Public, target => Assert.False(string.IsNullOrWhiteSpace(target.Description), target.Name));
        Assert.Equal(["LockDatasets", "ExpandGrid", "BudgetCheck", "Generate", "Grade", "Export"], catalog.Plan(["Export"]));
    }

    public void Dispose() => File.Delete(_file);
}
