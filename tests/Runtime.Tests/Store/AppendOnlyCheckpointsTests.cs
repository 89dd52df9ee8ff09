using System.Globalization;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Tests.Store;

/// <summary>
/// The store's checkpoints leave row groups as they are (an edit's close no longer rewrites the whole study), until a
/// table holds more deleted rows than live ones: then the next run's close compacts it, and merging is off again.
/// </summary>
public sealed class AppendOnlyCheckpointsTests
{
    private const int Rows = 300_000;

    [Fact]
    public void A_store_opens_with_row_group_merging_off()
    {
        using var temp = new TempStore();

        Assert.Equal("0", MaxVacuumTasks(temp.Store));
        Assert.False(AppendOnlyCheckpoints.CompactionDue(temp.Store.Connection));
    }

    [Fact]
    public void Deleted_rows_outweighing_live_ones_are_compacted_by_the_next_run_and_merging_is_off_after()
    {
        using var temp = new TempStore();
        FillPlan(temp.Store, graders: 3);
        temp.Store.Connection.Execute("DELETE FROM grading_plan WHERE grader <> 'g0'");
        temp.Reopen();
        Assert.Equal((Rows, Rows / 3), Sizes(temp.Store)); // the close kept the deleted rows' places: nothing merged

        Assert.True(AppendOnlyCheckpoints.CompactionDue(temp.Store.Connection));
        Assert.NotEqual("0", MaxVacuumTasks(temp.Store));
        temp.Store.Connection.Execute("INSERT INTO grading_plan VALUES ('knew', 'g0', 'gknew')"); // as Grade writes its plan
        temp.Reopen();

        Assert.Equal((Rows / 3 + 1, Rows / 3 + 1), Sizes(temp.Store));
        Assert.Equal("0", MaxVacuumTasks(temp.Store));
        Assert.Equal(Rows / 3 + 1, Convert.ToInt32(temp.Store.Connection.Scalar("SELECT count(*) FROM grading_plan WHERE grader = 'g0'"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Fewer_deleted_rows_than_live_ones_stay_in_place()
    {
        using var temp = new TempStore();
        FillPlan(temp.Store, graders: 2);
        temp.Store.Connection.Execute("DELETE FROM grading_plan WHERE grader = 'g1'");
        temp.Reopen();
        temp.Store.Connection.Execute("INSERT INTO grading_plan VALUES ('knew', 'g0', 'gknew')");
        temp.Reopen();

        Assert.False(AppendOnlyCheckpoints.CompactionDue(temp.Store.Connection));
        Assert.Equal("0", MaxVacuumTasks(temp.Store));
        Assert.Equal((Rows + 1, Rows / 2 + 1), Sizes(temp.Store));
    }

    /// <summary>Plan rows of <paramref name="graders"/> graders (<c>g0</c>, <c>g1</c>…), taking turns.</summary>
    private static void FillPlan(StudyStore store, int graders) =>
        store.Connection.Execute($"INSERT INTO grading_plan SELECT 'k' || range, 'g' || (range % {graders}), 'gk' || range FROM range({Rows})");

    private static string MaxVacuumTasks(StudyStore store) =>
        Convert.ToString(store.Connection.Scalar("SELECT current_setting('max_vacuum_tasks')"), CultureInfo.InvariantCulture)!;

    /// <summary>The rows in the table's row groups (deleted ones included), and the live ones.</summary>
    private static (int Stored, int Live) Sizes(StudyStore store) =>
        (Convert.ToInt32(store.Connection.Scalar("SELECT estimated_size FROM duckdb_tables() WHERE table_name = 'grading_plan'"), CultureInfo.InvariantCulture),
         Convert.ToInt32(store.Connection.Scalar("SELECT count(*) FROM grading_plan"), CultureInfo.InvariantCulture));
}
