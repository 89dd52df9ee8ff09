using System.IO.Compression;
using System.Text.Json;

namespace ItemEval.Runtime.Providers.Caching;

/// <summary>
/// One cache entry as stored: its JSON, gzip-compressed only when it is large. A typical answer with its key is well
/// under <see cref="CompressFrom"/> bytes, where gzip saves a few hundred bytes and costs more CPU than the call around
/// it (a zlib stream set up and torn down per entry); long prompts and answers still shrink.
/// </summary>
/// <remarks>
/// Records tell their encoding by their first bytes (gzip's magic 1f 8b; JSON starts with '{'), so packs written
/// before this change, and legacy <c>.json.gz</c> files, read as they did. An older ItemEval reading a plain record
/// fails to gunzip it, which it already treats as a miss.
/// </remarks>
internal static class CacheRecord
{
    public const int CompressFrom = 4096;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static byte[] Encode(ResponseCache.CacheEntry entry)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(entry, Json);
        if (json.Length < CompressFrom)
        {
            return json;
        }

        using var buffer = new MemoryStream(json.Length / 2);
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(json);
        }

        return buffer.ToArray();
    }

    public static ResponseCache.CacheEntry? Decode(byte[] record)
    {
        if (record.Length >= 2 && record[0] == 0x1f && record[1] == 0x8b)
        {
            using var gzip = new GZipStream(new MemoryStream(record), CompressionMode.Decompress);
            return JsonSerializer.Deserialize<ResponseCache.CacheEntry>(gzip, Json);
        }

        return JsonSerializer.Deserialize<ResponseCache.CacheEntry>(record, Json);
    }
}
