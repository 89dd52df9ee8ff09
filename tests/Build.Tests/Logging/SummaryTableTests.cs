using ItemEval.Build.Logging;
using Spectre.Console.Testing;

namespace ItemEval.Build.Tests.Logging;

public sealed class SummaryTableTests
{
    [Fact]
    public void Planned_targets_that_never_started_are_Not_run()
    {
        var outcomes = new Dictionary<string, TargetOutcome>
        {
            ["LockDatasets"] = new("LockDatasets", TargetStatus.UpToDate, TimeSpan.Zero),
            ["ExpandGrid"] = new("ExpandGrid", TargetStatus.Failed, TimeSpan.FromSeconds(1)),
        };

        var rows = SummaryTable.Rows(["LockDatasets", "ExpandGrid", "Generate"], outcomes);

        Assert.Equal([TargetStatus.UpToDate, TargetStatus.Failed, TargetStatus.NotRun], rows.Select(row => row.Status));
    }

    [Fact]
    public void The_table_shows_each_status_in_words()
    {
        var console = new TestConsole();

        SummaryTable.Write(console, [new("Generate", TargetStatus.Succeeded, TimeSpan.FromSeconds(2.5)), new("Grade", TargetStatus.UpToDate, TimeSpan.Zero), new("Export", TargetStatus.NotRun, TimeSpan.Zero)], TimeSpan.FromSeconds(3));

        Assert.Contains("Succeeded", console.Output, StringComparison.Ordinal);
        Assert.Contains("Up to date", console.Output, StringComparison.Ordinal);
        Assert.Contains("Not run", console.Output, StringComparison.Ordinal);
        Assert.Contains("2.50 s", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_that_finished_but_reported_errors_says_so_with_their_count()
    {
        var console = new TestConsole();

        SummaryTable.Write(console, [new("Generate", TargetStatus.FinishedWithErrors, TimeSpan.FromSeconds(2.5), Errors: 2), new("Grade", TargetStatus.FinishedWithErrors, TimeSpan.FromSeconds(1), Errors: 1)], TimeSpan.FromSeconds(3));

        Assert.Contains("Finished, 2 errors", console.Output, StringComparison.Ordinal);
        Assert.Contains("Finished, 1 error ", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Succeeded", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonical_diagnostics_look_like_msbuilds()
    {
        Assert.Equal("studies/x/study.yaml(14,7): error IEV0101: bad", DiagnosticFormat.Canonical("studies/x/study.yaml", 14, 7, "error", "IEV0101", "bad"));
        Assert.Equal("error IEV0401: failed", DiagnosticFormat.Canonical(null, 0, 0, "error", "IEV0401", "failed"));
    }
}
