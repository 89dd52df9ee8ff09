using System.Globalization;
using System.Runtime.ExceptionServices;
using DuckDB.NET.Data;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting;

/// <summary>
/// Runs Export's jobs two at a time, each lane on its own connection to the store's database, with DuckDB held to one
/// thread per query meanwhile (docs/BENCHMARKS.md, "Export in two lanes"). Why: at two threads per query DuckDB spent up
/// to twice the CPU on the same work — an order-preserving CSV COPY, and the sorts of the tables — and its serial
/// phases left a core idle; two single-threaded queries side by side keep both cores on useful work. Jobs are taken
/// in the order given, the first whose prerequisite is done; the first failure stops the taking of new jobs and is
/// rethrown once the running ones have finished.
/// </summary>
internal static class ExportLanes
{
    public const int Lanes = 2;

    /// <summary>
    /// DuckDB's cap while the lanes run, above the store's usual <see cref="StudyStore.MemoryLimit"/>: two lanes sort
    /// two whole tables at once, and at 1 GB a 1,000,000-row export spilled ~300 MB to disk and cost 27–30 s of CPU;
    /// at 2 GB nothing spills, 22 s (docs/BENCHMARKS.md). Still a cap: a bigger export spills instead of failing.
    /// </summary>
    public const string MemoryLimit = "2GB";

    /// <summary>
    /// Rows a partitioned COPY (<see cref="PartedTable"/>) holds before it writes them out: one Parquet row group, where
    /// DuckDB's default (524,288) held half a 1,000,000-row table, answers and transcripts included, in memory.
    /// </summary>
    public const int PartitionFlushRows = 122_880;

    public static void Run(StudyStore store, IReadOnlyList<ExportJob> jobs)
    {
        var queue = new JobQueue(jobs);
        // `threads` is a setting of the database, not of a connection: both lanes' queries run on their caller's thread.
        var threads = Convert.ToString(store.Connection.Scalar("SELECT current_setting('threads')"), CultureInfo.InvariantCulture);
        store.Connection.Execute("SET threads = 1");
        store.Connection.Execute($"SET memory_limit = '{MemoryLimit}'");
        var flush = Convert.ToString(store.Connection.Scalar("SELECT current_setting('partitioned_write_flush_threshold')"), CultureInfo.InvariantCulture);
        store.Connection.Execute($"SET partitioned_write_flush_threshold = {PartitionFlushRows}");
        try
        {
            using var second = new DuckDBConnection(store.Connection.ConnectionString);
            second.Open();
            var other = Task.Factory.StartNew(() => queue.Drain(second), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            queue.Drain(store.Connection);
            other.GetAwaiter().GetResult();
        }
        finally
        {
            store.Connection.Execute($"SET threads = {threads}");
            store.Connection.Execute($"SET memory_limit = '{StudyStore.MemoryLimit}'");
            store.Connection.Execute($"SET partitioned_write_flush_threshold = {flush}");
        }

        queue.ThrowIfFailed();
    }

    private sealed class JobQueue(IReadOnlyList<ExportJob> jobs)
    {
        private readonly List<ExportJob> _waiting = [.. jobs];
        private readonly HashSet<string> _done = new(StringComparer.Ordinal);
        private readonly object _gate = new();
        private ExceptionDispatchInfo? _failure;
        private int _running;

        public void Drain(DuckDBConnection connection)
        {
            while (Take() is { } job)
            {
                try
                {
                    job.Work(connection);
                    Finish(job, failure: null);
                }
#pragma warning disable CA1031 // Any failure of a job is kept and rethrown on the calling thread once both lanes stop.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    Finish(job, ExceptionDispatchInfo.Capture(exception));
                }
            }
        }

        public void ThrowIfFailed() => _failure?.Throw();

        private ExportJob? Take()
        {
            lock (_gate)
            {
                while (true)
                {
                    if (_failure is not null || _waiting.Count == 0)
                    {
                        return null;
                    }

                    var ready = _waiting.FirstOrDefault(job => job.After is null || _done.Contains(job.After));
                    if (ready is not null)
                    {
                        _waiting.Remove(ready);
                        _running++;
                        return ready;
                    }

                    if (_running == 0)
                    {
                        throw new InvalidOperationException($"export jobs wait for jobs that never run: {string.Join(", ", _waiting.Select(job => $"{job.Name} after {job.After}"))}");
                    }

                    Monitor.Wait(_gate);
                }
            }
        }

        private void Finish(ExportJob job, ExceptionDispatchInfo? failure)
        {
            lock (_gate)
            {
                _running--;
                _failure ??= failure;
                _done.Add(job.Name);
                Monitor.PulseAll(_gate);
            }
        }
    }
}
