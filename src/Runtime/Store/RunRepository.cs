using DuckDB.NET.Data;

namespace ItemEval.Runtime.Store;

/// <summary>One row per stage run: when, which target, how it ended, how many provider calls it made.</summary>
public sealed class RunRepository
{
    private readonly DuckDBConnection _connection;

    internal RunRepository(DuckDBConnection connection) => _connection = connection;

    public string Start(string target, string toolVersion)
    {
        var runId = $"{DateTime.UtcNow:yyyyMMddTHHmmss}-{Guid.NewGuid():N}"[..24];
        _connection.Execute(
            "INSERT INTO runs VALUES ($id, $target, now(), NULL, 'running', $version, 0)",
            ("id", runId), ("target", target), ("version", toolVersion));
        return runId;
    }

    /// <summary>
    /// Marks every <c>running</c> run abandoned. Call it only while holding the study lock: every run is written
    /// under that lock, so a run still <c>running</c> then belongs to a process that was killed or crashed.
    /// </summary>
    public IReadOnlyList<AbandonedRun> AbandonRunning() =>
        _connection.Query(
                "UPDATE runs SET status = 'abandoned' WHERE status = 'running' RETURNING run_id, target, started_at",
                reader => new AbandonedRun(reader.GetString(0), reader.GetString(1), reader.GetDateTime(2)))
            .ToList();

    /// <summary>
    /// Whether the store is as <paramref name="runId"/> left it, as far as a Status snapshot counts: that run ended
    /// (succeeded, failed or cancelled, so it was not killed half-way) and no run started after it but
    /// <paramref name="current"/> and runs of <paramref name="countNeutralTargets"/>, which change nothing a snapshot
    /// counts (cells, their states, spend). Every write to the store is made by a run under the study lock, so nothing
    /// else can have changed it.
    /// </summary>
    public bool UnchangedSince(string runId, string current, IReadOnlyList<string> countNeutralTargets)
    {
        var neutral = countNeutralTargets.Select((_, index) => $"$neutral{index}").ToList();
        var parameters = countNeutralTargets.Select((target, index) => ($"neutral{index}", (object?)target))
            .Append(("id", runId)).Append(("current", current)).ToArray();
        var notNeutral = neutral.Count == 0 ? "" : $" AND r.target NOT IN ({string.Join(", ", neutral)})";
        return _connection.Scalar(
            $"""
            SELECT NOT EXISTS (
                SELECT 1 FROM runs r
                WHERE r.started_at >= ended.started_at AND r.run_id NOT IN ($id, $current){notNeutral})
            FROM runs ended WHERE ended.run_id = $id AND ended.status IN ('succeeded', 'failed', 'cancelled')
            """,
            parameters) is true;
    }

    public void Finish(string runId, string status, int calls) =>
        _connection.Execute(
            "UPDATE runs SET finished_at = now(), status = $status, calls = $calls WHERE run_id = $id",
            ("id", runId), ("status", status), ("calls", calls));
}
