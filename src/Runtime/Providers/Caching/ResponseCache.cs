using System.IO.Compression;
using System.Text.Json;

namespace ItemEval.Runtime.Providers.Caching;

/// <summary>
/// Responses on disk, one gzip JSON file per request hash under a folder shared by all studies (so a pilot and the
/// full run share it). A file per entry keeps concurrent studies safe: writes go to a temp file and are renamed.
/// </summary>
public sealed class ResponseCache
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public ResponseCache(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>The shared cache beside the studies' artifacts: <c>artifacts/.cache/responses</c>, or $ITEMEVAL_CACHE.</summary>
    public static ResponseCache Beside(string studyArtifactsDirectory)
    {
        var configured = Environment.GetEnvironmentVariable("ITEMEVAL_CACHE");
        var root = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(studyArtifactsDirectory))!, ".cache", "responses")
            : configured;
        return new ResponseCache(root);
    }

    public string PathFor(string hash) => Path.Combine(Directory, hash[..2], hash + ".json.gz");

    public bool TryGet(CacheKey key, out ModelResponse response)
    {
        var path = PathFor(key.ToHash());
        response = null!;
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            var entry = JsonSerializer.Deserialize<CacheEntry>(stream, Json);
            if (entry is null || entry.Key.ToHash() != key.ToHash())
            {
                return false;
            }

            response = entry.Response;
            return true;
        }
        catch (Exception error) when (error is IOException or JsonException or InvalidDataException)
        {
            // A torn or foreign file is a miss, never a failure: the call is simply made again.
            return false;
        }
    }

    public void Put(CacheKey key, ModelResponse response)
    {
        var path = PathFor(key.ToHash());
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        using (var stream = new GZipStream(File.Create(temp), CompressionLevel.Fastest))
        {
            JsonSerializer.Serialize(stream, new CacheEntry(key, response with { CacheHit = false }), Json);
        }

        File.Move(temp, path, overwrite: true);
    }

    private sealed record CacheEntry(CacheKey Key, ModelResponse Response);
}
