using System.Globalization;
using ItemEval.Runtime.Reporting;
using ItemEval.Runtime.Store;
using ItemEval.Runtime.Tests.Store;

namespace ItemEval.Runtime.Tests.Reporting;

/// <summary>Export's two lanes on a real store: two jobs at once, prerequisites kept, DuckDB's threads put back, failures rethrown.</summary>
public sealed class ExportLanesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void Two_jobs_run_at_once_on_one_thread_each_a_job_waits_for_its_prerequisite_and_threads_are_put_back()
    {
        using var temp = new TempStore();
        var before = Threads(temp.Store.Connection);
        var memoryBefore = MemoryLimit(temp.Store.Connection);
        var memoryDuring = "";
        using var firstStarted = new ManualResetEventSlim();
        using var secondStarted = new ManualResetEventSlim();
        var order = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var threads = new System.Collections.Concurrent.ConcurrentBag<string>();
        bool firstSawSecond = false, secondSawFirst = false;

        ExportLanes.Run(temp.Store,
        [
            // Each of the first two waits for the other to have started: only two lanes at once get both through.
            new ExportJob("first", connection =>
            {
                firstStarted.Set();
                firstSawSecond = secondStarted.Wait(Patience);
                threads.Add(Threads(connection));
                connection.Execute("CREATE TABLE lanes_first AS SELECT 1 AS x");
                order.Enqueue("first");
            }),
            new ExportJob("second", connection =>
            {
                secondStarted.Set();
                secondSawFirst = firstStarted.Wait(Patience);
                threads.Add(Threads(connection));
                memoryDuring = MemoryLimit(connection);
                order.Enqueue("second");
            }),
            new ExportJob("after-first", connection =>
            {
                // Committed by the other lane's connection before this job was taken.
                Assert.Equal(1L, Convert.ToInt64(connection.Scalar("SELECT count(*) FROM lanes_first"), CultureInfo.InvariantCulture));
                order.Enqueue("after-first");
            }, After: "first"),
        ]);

        Assert.True(firstSawSecond && secondSawFirst, "the two jobs did not run at the same time");
        Assert.All(threads, value => Assert.Equal("1", value));
        var sequence = order.ToList();
        Assert.True(sequence.IndexOf("first") < sequence.IndexOf("after-first"), string.Join(", ", sequence));
        Assert.Equal(before, Threads(temp.Store.Connection));

        // Two whole-table sorts at once get the larger cap, and the store's own cap is back afterwards.
        Assert.NotEqual(memoryBefore, memoryDuring);
        Assert.Equal(memoryBefore, MemoryLimit(temp.Store.Connection));
    }

    [Fact]
    public void A_failed_job_is_rethrown_its_dependents_never_run_and_threads_are_put_back()
    {
        using var temp = new TempStore();
        var before = Threads(temp.Store.Connection);
        var dependentRan = false;

        var error = Assert.Throws<InvalidOperationException>(() => ExportLanes.Run(temp.Store,
        [
            new ExportJob("fails", _ => throw new InvalidOperationException("the books do not balance")),
            new ExportJob("csv", _ => dependentRan = true, After: "fails"),
        ]));

        Assert.Equal("the books do not balance", error.Message);
        Assert.False(dependentRan);
        Assert.Equal(before, Threads(temp.Store.Connection));
    }

    private static string MemoryLimit(DuckDB.NET.Data.DuckDBConnection connection) =>
        Convert.ToString(connection.Scalar("SELECT current_setting('memory_limit')"), CultureInfo.InvariantCulture)!;

    private static string Threads(DuckDB.NET.Data.DuckDBConnection connection) =>
        Convert.ToString(connection.Scalar("SELECT current_setting('threads')"), CultureInfo.InvariantCulture)!;
}
