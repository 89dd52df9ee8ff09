using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ItemEval.EndToEnd.Tests;

/// <summary>A user watching a long run: Status answers while Generate holds the study's lock and store.</summary>
public sealed class StatusDuringARunTests
{
    [Fact]
    public async Task Status_while_Generate_runs_prints_the_runs_published_progress()
    {
        using var study = StudyWorkspace.CopyOf("example");
        // Slow enough that Generate is still running (320 cells, 16 at a time per model: ~30 s) while Status is asked, even on
        // a loaded machine; the run is killed as soon as Status has answered, so the latency costs the test nothing.
        study.Edit("study.yaml", text => text.Replace("{accuracy: 0.9}", "{accuracy: 0.9, latency_ms: 3000}", StringComparison.Ordinal)
            .Replace("{accuracy: 0.45}", "{accuracy: 0.45, latency_ms: 3000}", StringComparison.Ordinal));
        Process? generate = null;
        var generating = study.BuildAsync(["Generate"], (process, _) => generate ??= process);
        try
        {
            var snapshot = Path.Combine(study.StudyArtifacts, "status.json");
            await WaitFor.ConditionAsync(() => DoneIn(snapshot, "Generate") > 0, TimeSpan.FromSeconds(90), "Generate to publish finished cells");

            var status = study.Build("Status");

            Assert.False(generating.IsCompleted, "Generate finished before Status was asked; slow the mock down");
            Assert.True(status.ExitCode == 0, status.ToString());
            Assert.DoesNotContain("IEV0501", status.Output, StringComparison.Ordinal);
            Assert.Matches(new Regex(@"run in progress \(Generate, pid \d+, started [\d-]+ [\d:]+Z\); as of [\d-]+ [\d:]+Z"), status.Output);
            var rows = Regex.Matches(status.Output, @"^\s*mock-\S+\s+40\s+(\d+)\s", RegexOptions.Multiline);
            Assert.Equal(8, rows.Count);
            Assert.True(rows.Sum(row => int.Parse(row.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)) > 0, status.Output);
        }
        finally
        {
            try
            {
                generate?.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // The front end had already exited and its Process object was released: nothing is left to stop.
            }

            await generating;
        }
    }

    private static int DoneIn(string snapshotPath, string target)
    {
        try
        {
            var snapshot = JsonNode.Parse(File.ReadAllText(snapshotPath))!;
            return (string?)snapshot["target"] == target
                ? snapshot["conditions"]!.AsArray().Sum(condition => (int)condition!["done"]!)
                : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
