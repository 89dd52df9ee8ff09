using System.Text.Json;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting;

/// <summary>
/// What Status would print, as of a moment, published by the run that holds the study lock. DuckDB lets no other
/// process open the store while a writer has it, so this file (<c>artifacts/&lt;study&gt;/status.json</c>) is how
/// Status, or any tool (<c>jq</c>), follows a run.
/// </summary>
public sealed record StatusSnapshot(string RunId, string Target, DateTimeOffset AsOf, IReadOnlyList<ConditionStatus> Conditions, decimal SpentUsd)
{
    public const string FileName = "status.json";

    /// <summary>
    /// Published by a run as it ended, after its row in <c>runs</c> was finished: the store as that run left it, which
    /// the next run may reuse instead of counting every cell again (<see cref="StatusSnapshotPublisher.PublishStart"/>).
    /// </summary>
    public bool Final { get; init; }

    public static string PathIn(string artifactsDirectory) => Path.Combine(artifactsDirectory, FileName);

    public static StatusSnapshot Of(StudyStore store, string runId, string target) =>
        new(runId, target, DateTimeOffset.UtcNow, StatusQuery.Read(store), store.Ledger.TotalUsd());

    public void WriteTo(string artifactsDirectory) =>
        AtomicFile.WriteAllText(PathIn(artifactsDirectory), JsonSerializer.Serialize(this, StoreJson.Options));

    /// <summary>The last published snapshot, or null when none was published (or it cannot be read).</summary>
    public static StatusSnapshot? ReadFrom(string artifactsDirectory)
    {
        try
        {
            return JsonSerializer.Deserialize<StatusSnapshot>(File.ReadAllText(PathIn(artifactsDirectory)), StoreJson.Options);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
