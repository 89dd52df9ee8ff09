using DuckDB.NET.Data;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting;

/// <summary>
/// Publishes a <see cref="StatusSnapshot"/> for the run holding the study lock: when the run starts, at most once a
/// second from a stage's writer loop (less often when a publish is slow), and once more when the run ends. Call it only from the thread that owns the
/// store's connection.
/// </summary>
public sealed class StatusSnapshotPublisher
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    // A publish counts every cell in the store, which on a big study is not free (0.1-0.2 s of CPU over 125,000 cells,
    // seconds of wall on a loaded machine): publishes are spaced so that they take at most 1/CostShare of the run's
    // time, whatever the study's size or the machine's load, instead of a fixed share of every second.
    private const int CostShare = 20;

    private readonly string _artifactsDirectory;
    private readonly string _runId;
    private readonly string _target;
    private readonly TimeProvider _time;
    private long? _lastAt;
    private TimeSpan _spacing = Interval;

    // The per-condition counts from here on, when the run knows them (a run that writes no cell or solution, or a stage
    // that counted them itself): its publishes then read only the spend, not every cell again.
    private IReadOnlyList<ConditionStatus>? _counts;
    private bool _keepsCounts;

    public StatusSnapshotPublisher(string artifactsDirectory, string runId, string target, TimeProvider? time = null)
    {
        _artifactsDirectory = artifactsDirectory;
        _runId = runId;
        _target = target;
        _time = time ?? TimeProvider.System;
    }

    public void PublishIfDue(StudyStore store)
    {
        if (_lastAt is { } last && _time.GetElapsedTime(last) < _spacing)
        {
            return;
        }

        Publish(store);
    }

    /// <summary>
    /// The run's first snapshot. When the last one was published by a run as it ended and the store has not changed
    /// since (<see cref="RunRepository.UnchangedSince"/>: no run but those of <paramref name="countNeutralTargets"/> started after
    /// it), that snapshot's counts are this run's too: it is published again under this run's id without counting every
    /// cell (0.1-0.3 s of CPU at 125,000 cells, paid by every target of every build, however small the change).
    /// </summary>
    /// <param name="keepsCounts">
    /// The run writes no cell and no solution (Grade): the counts published now stay true to its end, so its later
    /// snapshots reuse them and refresh only the spend (its judges' calls).
    /// </param>
    public void PublishStart(StudyStore store, IReadOnlyList<string> countNeutralTargets, bool keepsCounts = false)
    {
        _keepsCounts = keepsCounts;
        try
        {
            if (StatusSnapshot.ReadFrom(_artifactsDirectory) is { Final: true } last && store.Runs.UnchangedSince(last.RunId, _runId, countNeutralTargets))
            {
                (last with { RunId = _runId, Target = _target, AsOf = DateTimeOffset.UtcNow, Final = false }).WriteTo(_artifactsDirectory);
                _lastAt = _time.GetTimestamp();
                _counts = keepsCounts ? last.Conditions : null;
                return;
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or DuckDBException)
        {
            // Counted afresh below.
        }

        Publish(store);
    }

    /// <summary>
    /// The cells as the stage just counted them (<see cref="StatusQuery.Read"/>), true to the run's end: the last
    /// snapshot publishes them instead of counting every cell a second time.
    /// </summary>
    public void CountsAre(IReadOnlyList<ConditionStatus> counts) => _counts = counts;

    /// <summary>The run's last snapshot, once its row in <c>runs</c> is finished: the next run may reuse it.</summary>
    public void PublishFinal(StudyStore store) => Publish(store, final: true);

    public void Publish(StudyStore store) => Publish(store, final: false);

    private void Publish(StudyStore store, bool final)
    {
        var started = _time.GetTimestamp();
        try
        {
            var snapshot = _counts is { } counts
                ? new StatusSnapshot(_runId, _target, DateTimeOffset.UtcNow, counts, store.Ledger.TotalUsd())
                : StatusSnapshot.Of(store, _runId, _target);
            (snapshot with { Final = final }).WriteTo(_artifactsDirectory);
            if (_keepsCounts)
            {
                _counts ??= snapshot.Conditions;
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or DuckDBException)
        {
            // Progress for onlookers must never fail the run that pays for the calls; the next publish tries again.
        }

        _lastAt = _time.GetTimestamp();
        _spacing = TimeSpan.FromTicks(Math.Max(Interval.Ticks, _time.GetElapsedTime(started, _lastAt.Value).Ticks * CostShare));
    }
}
