using System.Diagnostics;
using DuckDB.NET.Data;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting;

/// <summary>
/// Publishes a <see cref="StatusSnapshot"/> for the run holding the study lock: at most once a second from a stage's
/// writer loop (less often when a snapshot is costly), and once more when the run ends. Call it only from the thread
/// that owns the store's connection.
/// </summary>
public sealed class StatusSnapshotPublisher
{
    /// <summary>
    /// A snapshot aggregates every cell (about 0.1 s of CPU at 125,000 cells), so the next one waits at least this many
    /// times what the last one took: publishing stays a small share of a run even when a loaded machine stretches it.
    /// </summary>
    private const int CostMultiple = 20;

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly string _artifactsDirectory;
    private readonly string _runId;
    private readonly string _target;
    private readonly Stopwatch _sinceLast = new();
    private TimeSpan _wait = Interval;

    public StatusSnapshotPublisher(string artifactsDirectory, string runId, string target)
    {
        _artifactsDirectory = artifactsDirectory;
        _runId = runId;
        _target = target;
    }

    public void PublishIfDue(StudyStore store)
    {
        if (_sinceLast.IsRunning && _sinceLast.Elapsed < _wait)
        {
            return;
        }

        Publish(store);
    }

    public void Publish(StudyStore store)
    {
        _sinceLast.Restart();
        try
        {
            StatusSnapshot.Of(store, _runId, _target).WriteTo(_artifactsDirectory);
            _wait = TimeSpan.FromTicks(Math.Max(Interval.Ticks, _sinceLast.Elapsed.Ticks * CostMultiple));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or DuckDBException)
        {
            // Progress for onlookers must never fail the run that pays for the calls; the next publish tries again.
        }
    }
}
