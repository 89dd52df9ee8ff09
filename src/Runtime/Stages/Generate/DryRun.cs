using System.Text.Json;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Providers.Caching;
using ItemEval.Runtime.Providers.Transcripts;

namespace ItemEval.Runtime.Stages.Generate;

/// <summary>
/// <c>--dry-run</c>: renders every pending request and writes it to <c>dry-run/requests.jsonl</c> (redacted), so a
/// study can be inspected before a cent is spent. No client is created, no call is made. Each line carries the
/// response-cache key, its parts and whether the cache already holds it, so a cache miss can be explained by diffing
/// the parts against the <c>key</c> stored in a cache entry (see docs/response-cache.md).
/// </summary>
internal static class DryRun
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Write(
        StageContext context,
        IReadOnlyList<Cell> pending,
        IReadOnlyDictionary<string, Condition> conditions,
        IReadOnlyDictionary<string, Item> items,
        ResponseCache cache)
    {
        var directory = Path.Combine(context.ArtifactsDirectory, "dry-run");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "requests.jsonl");
        var cached = 0;
        using var writer = new StreamWriter(path);
        foreach (var cell in pending)
        {
            var request = CellRunner.RequestFor(cell, conditions[cell.ConditionId], items[cell.ItemUid]);
            var key = CacheKey.For(request);
            var inCache = !context.Options.NoCache && cache.TryGet(key, out _);
            cached += inCache ? 1 : 0;
            var line = new DryRunLine(cell.Key, cell.ConditionId, cell.ItemUid, key.ToHash(), inCache, key);
            writer.WriteLine(Redactor.Redact(JsonSerializer.Serialize(line, Json)));
        }

        context.Reporter.Info(
            $"dry run: {pending.Count} request(s) rendered to {path}; {cached} would be served from the response cache; nothing was sent");
        return path;
    }

    /// <param name="CacheKey">The hash the response cache files the answer under.</param>
    /// <param name="Cached">True when the cache holds it: the real run would serve this cell at $0.</param>
    /// <param name="Request">Every part of the cache key: model, messages, parameters, epoch, answer-changing options.</param>
    private sealed record DryRunLine(
        string CellKey,
        string ConditionId,
        string ItemUid,
        string CacheKey,
        bool Cached,
        CacheKey Request);
}
