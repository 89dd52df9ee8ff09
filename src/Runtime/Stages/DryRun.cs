using System.Text.Json;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Providers.Transcripts;

namespace ItemEval.Runtime.Stages;

/// <summary>
/// <c>--dry-run</c>: renders every pending request and writes it to <c>dry-run/requests.jsonl</c> (redacted), so a
/// study can be inspected before a cent is spent. No client is created, no call is made.
/// </summary>
internal static class DryRun
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Write(StageContext context, IReadOnlyList<Cell> pending, IReadOnlyDictionary<string, Condition> conditions, IReadOnlyDictionary<string, Item> items)
    {
        var directory = Path.Combine(context.ArtifactsDirectory, "dry-run");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "requests.jsonl");
        using var writer = new StreamWriter(path);
        foreach (var cell in pending)
        {
            var request = CellRunner.RequestFor(conditions[cell.ConditionId], items[cell.ItemUid], cell.Epoch);
            var line = new DryRunLine(cell.Key, cell.ConditionId, cell.ItemUid, request.Model, request.Epoch, request.Parameters, request.Messages);
            writer.WriteLine(Redactor.Redact(JsonSerializer.Serialize(line, Json)));
        }

        context.Reporter.Info($"dry run: {pending.Count} request(s) rendered to {path}; nothing was sent");
        return path;
    }

    private sealed record DryRunLine(
        string CellKey,
        string ConditionId,
        string ItemUid,
        string Model,
        int Epoch,
        Config.LaneParameters Parameters,
        IReadOnlyList<Providers.ChatMessage> Messages);
}
