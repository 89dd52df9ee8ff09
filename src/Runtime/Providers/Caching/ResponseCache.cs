using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace ItemEval.Runtime.Providers.Caching;

/// <summary>
/// Responses on disk in a folder shared by all studies (so a pilot and the full run share it), as append-only packs:
/// each process appends gzip records to a pack of its own (<c>pack-*.bin</c>) and one line per record to that pack's
/// index (<c>pack-*.idx</c>: hash, offset, length), so concurrent studies never write the same file and a study of
/// 100,000 cells writes two files, not 100,000. The indexes are read once, when the cache is first asked.
/// </summary>
/// <remarks>
/// A record is written and flushed before its index line, so a crash leaves at most an unindexed tail; an index line
/// whose record cannot be read back is a miss, never a failure. Entries of the earlier layout (one
/// <c>&lt;2 hex&gt;/&lt;hash&gt;.json.gz</c> file each) are still read, so an existing cache keeps paying off.
/// </remarks>
public sealed class ResponseCache : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly Lazy<ConcurrentDictionary<string, CachePackEntry>> _index;
    private readonly object _appendGate = new();

    // One read handle per pack for the cache's lifetime: a resumed study is served thousands of hits, and positional
    // reads (RandomAccess) on a shared handle need neither a file open per hit nor a lock.
    private readonly ConcurrentDictionary<string, SafeFileHandle> _readers = new(StringComparer.Ordinal);
    private FileStream? _pack;
    private StreamWriter? _packIndex;
    private string? _packPath;

    public ResponseCache(string directory)
    {
        Directory = directory;
        _index = new Lazy<ConcurrentDictionary<string, CachePackEntry>>(LoadIndex);
    }

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

    /// <summary>The hashes of every entry this cache can serve (what <c>--dry-run</c>'s <c>cache_key</c> names).</summary>
    public IReadOnlyCollection<string> Hashes() =>
        [.. _index.Value.Keys.Concat(LegacyFiles().Select(file => Path.GetFileName(file)[..^".json.gz".Length])).Distinct(StringComparer.Ordinal)];

    public bool TryGet(CacheKey key, out ModelResponse response)
    {
        var hash = key.ToHash();
        response = null!;
        var entry = _index.Value.TryGetValue(hash, out var packed) ? ReadPacked(packed) : ReadLegacy(hash);
        if (entry is null || entry.Key.ToHash() != hash)
        {
            return false;
        }

        response = entry.Response;
        return true;
    }

    public void Put(CacheKey key, ModelResponse response) => PutAll([(key, response)]);

    /// <summary>
    /// Stores many responses at once (a batch's results): records are hashed and compressed in parallel, then appended
    /// and flushed once, before their index lines — the same crash guarantee as one at a time, without a flush each.
    /// </summary>
    public void PutAll(IReadOnlyList<(CacheKey Key, ModelResponse Response)> entries)
    {
        var records = entries.Count == 1
            ? [Record(entries[0].Key, entries[0].Response)]
            : entries.AsParallel().AsOrdered().Select(entry => Record(entry.Key, entry.Response)).ToArray();
        lock (_appendGate)
        {
            var pack = OpenPack();
            var offset = pack.Length;
            pack.Seek(0, SeekOrigin.End);
            foreach (var (_, bytes) in records)
            {
                pack.Write(bytes);
            }

            pack.Flush();
            foreach (var (hash, bytes) in records)
            {
                _packIndex!.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{hash} {offset} {bytes.Length}"));
                _index.Value[hash] = new CachePackEntry(_packPath!, offset, bytes.Length);
                offset += bytes.Length;
            }

            _packIndex!.Flush();
        }
    }

    private static (string Hash, byte[] Bytes) Record(CacheKey key, ModelResponse response) =>
        (key.ToHash(), Compress(new CacheEntry(key, response with { CacheHit = false })));

    public void Dispose()
    {
        lock (_appendGate)
        {
            _packIndex?.Dispose();
            _pack?.Dispose();
        }

        foreach (var reader in _readers.Values)
        {
            reader.Dispose();
        }
    }

    private FileStream OpenPack()
    {
        if (_pack is not null)
        {
            return _pack;
        }

        System.IO.Directory.CreateDirectory(Directory);
        var name = $"pack-{DateTime.UtcNow:yyyyMMddHHmmss}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        _packPath = Path.Combine(Directory, name + ".bin");
        _pack = new FileStream(_packPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
        _packIndex = new StreamWriter(new FileStream(Path.Combine(Directory, name + ".idx"), FileMode.CreateNew, FileAccess.Write, FileShare.Read));
        return _pack;
    }

    private ConcurrentDictionary<string, CachePackEntry> LoadIndex()
    {
        var index = new ConcurrentDictionary<string, CachePackEntry>(StringComparer.Ordinal);
        if (!System.IO.Directory.Exists(Directory))
        {
            return index;
        }

        foreach (var indexFile in System.IO.Directory.EnumerateFiles(Directory, "pack-*.idx"))
        {
            var pack = Path.ChangeExtension(indexFile, ".bin");
            foreach (var line in ReadLinesShared(indexFile))
            {
                var parts = line.Split(' ');
                if (parts.Length == 3
                    && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                    && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
                {
                    index[parts[0]] = new CachePackEntry(pack, offset, length);
                }
            }
        }

        return index;
    }

    private static IEnumerable<string> ReadLinesShared(string path)
    {
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    private CacheEntry? ReadPacked(CachePackEntry entry)
    {
        try
        {
            var record = new byte[entry.Length];
            var reader = _readers.GetOrAdd(entry.PackPath, path => File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            if (RandomAccess.Read(reader, record, entry.Offset) != record.Length)
            {
                return null;
            }

            return Decompress(new MemoryStream(record));
        }
        catch (Exception error) when (error is IOException or JsonException or InvalidDataException or UnauthorizedAccessException)
        {
            // A torn or foreign record is a miss, never a failure: the call is simply made again.
            return null;
        }
    }

    private CacheEntry? ReadLegacy(string hash)
    {
        var path = Path.Combine(Directory, hash[..2], hash + ".json.gz");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(path);
            return Decompress(stream);
        }
        catch (Exception error) when (error is IOException or JsonException or InvalidDataException)
        {
            return null;
        }
    }

    private IEnumerable<string> LegacyFiles() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.EnumerateFiles(Directory, "*.json.gz", SearchOption.AllDirectories)
            : [];

    private static byte[] Compress(CacheEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(gzip, entry, Json);
        }

        return buffer.ToArray();
    }

    private static CacheEntry? Decompress(Stream stream)
    {
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        return JsonSerializer.Deserialize<CacheEntry>(gzip, Json);
    }

    private sealed record CacheEntry(CacheKey Key, ModelResponse Response);
}
