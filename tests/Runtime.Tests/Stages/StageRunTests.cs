using ItemEval.Runtime.Reporting;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;
using ItemEval.Runtime.Tests.Store;

namespace ItemEval.Runtime.Tests.Stages;

public sealed class StageRunTests
{
    [Fact]
    public void A_run_left_running_by_a_dead_process_is_marked_abandoned_by_the_next_stage()
    {
        using var folder = new TempStore();
        var killed = folder.Store.Runs.Start("Generate", "test");
        folder.Store.Dispose();
        // What a killed run leaves behind: its lock file and owner note (the OS dropped the lock itself).
        File.WriteAllText(Path.Combine(folder.Directory, ".lock.owner"), """{"pid":999999,"target":"Generate","started_at":"2026-01-01T00:00:00Z"}""");
        var reporter = new RecordingReporter();

        using (var run = StageRun.Begin(Context(folder.Directory, reporter), "demo", "Grade"))
        {
            run.Succeeded();
        }

        folder.Reopen();
        Assert.Equal("abandoned", folder.Store.Connection.Scalar("SELECT status FROM runs WHERE run_id = $id", ("id", killed)));
        Assert.Equal(0L, folder.Store.Connection.Scalar("SELECT count(*) FROM runs WHERE status = 'running'"));
        Assert.Contains(reporter.Lines, line => line.Contains($"run {killed} (Generate, started", StringComparison.Ordinal) && line.EndsWith("marked abandoned", StringComparison.Ordinal));
    }

    [Fact]
    public void While_a_run_holds_the_study_others_get_its_holder_and_its_published_snapshot()
    {
        using var folder = new TempStore();
        folder.Store.Dispose();
        var context = Context(folder.Directory, new RecordingReporter());

        using (var generate = StageRun.Begin(context, "demo", "Generate"))
        {
            using var status = StageRun.TryBegin(context, "Status", out var holder);

            Assert.Null(status);
            Assert.Equal(new LockOwner(Environment.ProcessId, "Generate", holder!.StartedAt), holder);
            var snapshot = StatusSnapshot.ReadFrom(folder.Directory);
            Assert.Equal((generate.RunId, "Generate"), (snapshot!.RunId, snapshot.Target));
            generate.Succeeded();
        }

        folder.Reopen();
    }

    private static StageContext Context(string artifacts, RecordingReporter reporter) =>
        new(Path.Combine(artifacts, "study.yaml"), artifacts, new StageOptions(), reporter);
}
