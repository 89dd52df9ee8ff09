using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace ItemEval.Runtime.Providers.Caching;

/// <summary>
/// Responses on disk in a folder shared by all studies (so a pilot and the full run share it), as append-only packs:
/// each process appends JSON records (gzip when large, see <see cref="CacheRecord"/>) to a pack of its own (<c>pack-*.bin</c>) and one line per record to that pack's
/// index (<c>pack-*.idx</c>: hash, offset, length), so concurrent studies never write the same file and a study of
/// 100,000 cells writes two files, not 100,000. The indexes are read once, when the cache is first asked (or in the
/// background from <see cref="LoadIndexInBackground"/>), into 32-byte keys (<see cref="CacheIndexFile"/>).
/// </summary>
/// <remarks>
/// A record is written (one positional write, straight to the file) before its index line, so a crash leaves at most an
/// unindexed tail; an index line whose record cannot be read back is a miss, never a failure. Entries of the earlier layout (one
/// <c>&lt;2 hex&gt;/&lt;hash&gt;.json.gz</c> file each) are still read, so an existing cache keeps paying off.
/// </remarks>
public sealed class ResponseCache : IDisposable
{
    // What the packs on disk held when first asked: filled once, then only read (so by many threads, without locks).
    private readonly Lazy<Dictionary<CacheHash, CachePackEntry>> _index;

    // What this process stored since: few next to the index, written by concurrent calls.
    private readonly ConcurrentDictionary<CacheHash, CachePackEntry> _stored = new();
    private readonly Lazy<bool> _hasLegacyEntries;
    private readonly Lazy<PackFiles> _writer;

    // One read handle per pack for the cache's lifetime: a resumed study is served thousands of hits, and positional
    // reads (RandomAccess) on a shared handle need neither a file open per hit nor a lock.
    private readonly ConcurrentDictionary<string, SafeFileHandle> _readers = new(StringComparer.Ordinal);
    private long _packLength;
    private long _packIndexLength;

    public ResponseCache(string directory)
    {
        Directory = directory;
        _index = new Lazy<Dictionary<CacheHash, CachePackEntry>>(LoadIndex);
        _hasLegacyEntries = new Lazy<bool>(() => LegacyFiles().Any());
        _writer = new Lazy<PackFiles>(CreatePack);
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

    /// <summary>
    /// Starts reading the index on a thread-pool thread, so a stage can find its pending work on the store meanwhile
    /// (on the other core) instead of reading it at its first call; the first lookup waits for it if it is not done.
    /// </summary>
    public void LoadIndexInBackground() => _ = Task.Run(() => _index.Value);

    /// <summary>The hashes of every entry this cache can serve (what <c>--dry-run</c>'s <c>cache_key</c> names).</summary>
    public IReadOnlyCollection<string> Hashes() =>
        [.. _index.Value.Keys.Concat(_stored.Keys).Select(hash => hash.ToString()).Concat(LegacyFiles().Select(file => Path.GetFileName(file)[..^".json.gz".Length])).Distinct(StringComparer.Ordinal)];

    public bool TryGet(CacheKey key, out ModelResponse response) => TryGet(key.ToHash(), out response);

    /// <param name="hash">The key's <see cref="CacheKey.ToHash"/>, for a caller that also stores under it (hashed once).</param>
    public bool TryGet(string hash, out ModelResponse response)
    {
        response = null!;
        var entry = CacheHash.TryParse(hash, out var key) && (_stored.TryGetValue(key, out var packed) || _index.Value.TryGetValue(key, out packed))
            ? ReadPacked(packed)
            : ReadLegacy(hash);
        if (entry is null || entry.Key.ToHash() != hash)
        {
            return false;
        }

        response = entry.Response;
        return true;
    }

    public void Put(CacheKey key, ModelResponse response) => Put(key, key.ToHash(), response);

    /// <param name="hash">The key's <see cref="CacheKey.ToHash"/>, already computed by the caller's lookup.</param>
    public void Put(CacheKey key, string hash, ModelResponse response) => Append([Record(key, hash, response)]);

    /// <summary>
    /// Stores many responses at once (a batch's results): records are hashed and encoded, then appended in one write
    /// before their index lines in another — the same crash guarantee as one at a time. On the calling thread: a batch
    /// collection's store writes on the other core, and PLINQ's caller spun waiting for its workers.
    /// </summary>
    public void PutAll(IReadOnlyList<(CacheKey Key, ModelResponse Response)> entries) =>
        Append(entries.Select(entry => Record(entry.Key, entry.Key.ToHash(), entry.Response)).ToArray());

    private static (string Hash, byte[] Bytes) Record(CacheKey key, string hash, ModelResponse response) =>
        (hash, CacheRecord.Encode(new CacheEntry(key, response with { CacheHit = false })));

    /// <summary>
    /// The records in one positional write to the pack, then their index lines in one write to the index. The byte
    /// ranges are reserved atomically and no lock is held while writing, so concurrent calls never queue behind
    /// another's system call. Each call still writes its records before its own lines, which keeps a crash's leftovers harmless
    /// (an unindexed tail, or an index line whose record is missing and reads as a miss); a line reserved but not
    /// written before a crash leaves zeros that the index reader skips.
    /// </summary>
    private void Append((string Hash, byte[] Bytes)[] records)
    {
        if (records.Length == 0)
        {
            return;
        }

        var (pack, packIndex, packPath) = _writer.Value;
        var length = 0L;
        foreach (var (_, bytes) in records)
        {
            length += bytes.Length;
        }

        var offset = Interlocked.Add(ref _packLength, length) - length;
        var lines = new System.Text.StringBuilder();
        var entries = new CachePackEntry[records.Length];
        for (var i = 0; i < records.Length; i++)
        {
            var (hash, bytes) = records[i];
            lines.Append(CultureInfo.InvariantCulture, $"{hash} {offset} {bytes.Length}\n");
            entries[i] = new CachePackEntry(packPath, offset, bytes.Length);
            offset += bytes.Length;
        }

        RandomAccess.Write(pack, records.Select(record => (ReadOnlyMemory<byte>)record.Bytes).ToArray(), entries[0].Offset);
        var index = System.Text.Encoding.UTF8.GetBytes(lines.ToString());
        RandomAccess.Write(packIndex, index, Interlocked.Add(ref _packIndexLength, index.Length) - index.Length);
        for (var i = 0; i < records.Length; i++)
        {
            if (CacheHash.TryParse(records[i].Hash, out var key))
            {
                _stored[key] = entries[i];
            }
        }
    }

    public void Dispose()
    {
        if (_writer.IsValueCreated)
        {
            _writer.Value.Index.Dispose();
            _writer.Value.Pack.Dispose();
        }

        foreach (var reader in _readers.Values)
        {
            reader.Dispose();
        }
    }

    /// <summary>This process's pack and its index, created at the first store (a run that only reads writes nothing).</summary>
    private PackFiles CreatePack()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"pack-{DateTime.UtcNow:yyyyMMddHHmmss}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        var packPath = Path.Combine(Directory, name + ".bin");
        return new PackFiles(
            File.OpenHandle(packPath, FileMode.CreateNew, FileAccess.Write, FileShare.Read),
            File.OpenHandle(Path.Combine(Directory, name + ".idx"), FileMode.CreateNew, FileAccess.Write, FileShare.Read),
            packPath);
    }

    private Dictionary<CacheHash, CachePackEntry> LoadIndex()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var indexFiles = new DirectoryInfo(Directory).GetFiles("pack-*.idx");
        var index = new Dictionary<CacheHash, CachePackEntry>(CacheIndexFile.EntriesAbout(indexFiles.Sum(file => file.Length)));
        foreach (var indexFile in indexFiles)
        {
            CacheIndexFile.ReadInto(index, indexFile.FullName, Path.ChangeExtension(indexFile.FullName, ".bin"));
        }

        return index;
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

            return CacheRecord.Decode(record);
        }
        catch (Exception error) when (error is IOException or JsonException or InvalidDataException or UnauthorizedAccessException)
        {
            // A torn or foreign record is a miss, never a failure: the call is simply made again.
            return null;
        }
    }

    private CacheEntry? ReadLegacy(string hash)
    {
        // Nothing writes the legacy layout any more: without it, a miss costs no look at the disk.
        if (!_hasLegacyEntries.Value)
        {
            return null;
        }

        var path = Path.Combine(Directory, hash[..2], hash + ".json.gz");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return CacheRecord.Decode(File.ReadAllBytes(path));
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

    private sealed record PackFiles(SafeFileHandle Pack, SafeFileHandle Index, string Path);

    internal sealed record CacheEntry(CacheKey Key, ModelResponse Response);
}
