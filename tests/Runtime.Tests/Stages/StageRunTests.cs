using ItemEval.Runtime.Design;
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

    [Fact]
    public void A_run_after_only_count_neutral_runs_starts_from_the_last_writing_runs_snapshot()
    {
        using var folder = new TempStore();
        folder.Store.Dispose();
        var context = Context(folder.Directory, new RecordingReporter());
        Run(context, "ExpandGrid", store => store.Design.Replace([Condition], [new Cell(Condition.Id, "quiz/1", 1, "k1"), new Cell(Condition.Id, "quiz/2", 1, "k2")]));
        var left = StatusSnapshot.ReadFrom(folder.Directory)!;
        foreach (var neutral in new[] { StatusStage.Target, "BudgetCheck", "Estimate", "Export" })
        {
            Run(context, neutral, _ => { });
            var now = StatusSnapshot.ReadFrom(folder.Directory)!;
            Assert.Equal((left.RunId, left.AsOf), (now.RunId, now.AsOf)); // it changes no count: it publishes nothing
        }

        // Marked, so the test sees whether the next run re-read the store or republished the snapshot as it was left.
        var final = StatusSnapshot.ReadFrom(folder.Directory)!;
        Assert.True(final.Final);
        (final with { SpentUsd = 42m }).WriteTo(folder.Directory);

        using (var grade = StageRun.Begin(context, "demo", "Grade"))
        {
            var start = StatusSnapshot.ReadFrom(folder.Directory)!;
            Assert.Equal((grade.RunId, "Grade", false, 42m), (start.RunId, start.Target, start.Final, start.SpentUsd));
            Assert.Equal(2, start.Conditions.Single().Expected);
            grade.Succeeded();
        }

        folder.Reopen();
    }

    [Fact]
    public void A_run_after_one_whose_last_snapshot_was_lost_counts_the_store_again()
    {
        using var folder = new TempStore();
        folder.Store.Dispose();
        var context = Context(folder.Directory, new RecordingReporter());
        Run(context, "ExpandGrid", store => store.Design.Replace([Condition], [new Cell(Condition.Id, "quiz/1", 1, "k1"), new Cell(Condition.Id, "quiz/2", 1, "k2")]));
        var left = StatusSnapshot.ReadFrom(folder.Directory)!;

        // Generate stores a solution, but its last snapshot is lost (the file is the earlier run's again).
        Run(context, "Generate", store => store.Solutions.Save(StoredRows.Solution("k1", SolutionStatus.Done, Condition.Id)));
        left.WriteTo(folder.Directory);

        using (var grade = StageRun.Begin(context, "demo", "Grade"))
        {
            var start = StatusSnapshot.ReadFrom(folder.Directory)!;
            Assert.Equal(grade.RunId, start.RunId);
            Assert.Equal(1, start.Conditions.Single().Done);
            grade.Succeeded();
        }

        folder.Reopen();
    }

    private static readonly Condition Condition = StoredRows.Condition("mock-a-cold-plain-00000001");

    private static void Run(StageContext context, string target, Action<StudyStore> write)
    {
        using var run = StageRun.Begin(context, "demo", target);
        write(run.Store);
        run.Succeeded();
    }

    private static StageContext Context(string artifacts, RecordingReporter reporter) =>
        new(Path.Combine(artifacts, "study.yaml"), artifacts, new StageOptions(), reporter);
}
