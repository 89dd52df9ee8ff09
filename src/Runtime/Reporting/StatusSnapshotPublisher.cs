using System.Diagnostics;
using DuckDB.NET.Data;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting;

/// <summary>
/// Publishes a <see cref="StatusSnapshot"/> for the run holding the study lock: at most once a second from a stage's
/// writer loop, and once more when the run ends. Call it only from the thread that owns the store's connection.
/// </summary>
public sealed class StatusSnapshotPublisher
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly string _artifactsDirectory;
    private readonly string _runId;
    private readonly string _target;
    private readonly Stopwatch _sinceLast = new();

    public StatusSnapshotPublisher(string artifactsDirectory, string runId, string target)
    {
        _artifactsDirectory = artifactsDirectory;
        _runId = runId;
        _target = target;
    }

    public void PublishIfDue(StudyStore store)
    {
        if (_sinceLast.IsRunning && _sinceLast.Elapsed < Interval)
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
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or DuckDBException)
        {
            // Progress for onlookers must never fail the run that pays for the calls; the next publish tries again.
        }
    }
}
