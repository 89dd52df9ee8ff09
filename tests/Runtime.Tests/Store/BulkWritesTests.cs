using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Tests.Store;

public sealed class BulkWritesTests
{
    [Fact]
    public void Bulk_writes_run_statements_on_one_thread_and_checkpoint_less_often_then_restore_the_settings()
    {
        using var temp = new TempStore();
        var threads = Setting(temp, "threads");
        var threshold = Setting(temp, "checkpoint_threshold");

        var bulk = temp.Store.BeginBulkWrites();
        var during = (Threads: Setting(temp, "threads"), Threshold: Setting(temp, "checkpoint_threshold"));
        bulk.Dispose();

        Assert.Equal("1", during.Threads);
        Assert.Equal("64.0 MiB", during.Threshold);
        Assert.Equal(threads, Setting(temp, "threads"));
        Assert.Equal(threshold, Setting(temp, "checkpoint_threshold"));
    }

    [Fact]
    public void Ending_bulk_writes_folds_their_log_into_the_study_file_and_every_row_stays()
    {
        using var temp = new TempStore();
        var log = StudyStore.PathIn(temp.Directory) + ".wal";
        var condition = StoredRows.Condition("c1");

        using (temp.Store.BeginBulkWrites())
        {
            foreach (var start in new[] { 0, 2000 })
            {
                temp.Store.InTransaction(() => temp.Store.Solutions.SaveAll(
                    Enumerable.Range(start, 2000).Select(i => StoredRows.Solution($"key{i}", SolutionStatus.Done, condition.Id)).ToList()));
            }

            // Under the raised threshold the commits are still only in the log.
            Assert.True(new FileInfo(log).Length > 0);
        }

        Assert.True(!File.Exists(log) || new FileInfo(log).Length == 0);
        temp.Reopen();
        Assert.Equal(4000, Convert.ToInt32(temp.Store.Connection.Scalar("SELECT count(*) FROM solutions")));
    }

    private static string Setting(TempStore temp, string name) => (string)temp.Store.Connection.Scalar($"SELECT current_setting('{name}')::VARCHAR")!;
}
