using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace ItemEval.Runtime.Providers.Transcripts;

/// <summary>
/// Appends every request and response of a run to <c>transcripts/&lt;run&gt;.jsonl.gz</c>, redacted, and returns a
/// link (<c>file#line</c>) the solution row keeps. Lines reach the file at <see cref="Flush"/>, which the run calls
/// before each store commit (<c>StudyStore.BeforeEachCommit</c>): every committed row's link resolves after a crash,
/// and lines of rows not yet committed may be lost with them (their cells run again). Flushing each line instead —
/// a deflate sync block and a write per call, under a lock every concurrent call queues on — was a fifth of
/// Generate's CPU per mock cell.
/// </summary>
/// <remarks>
/// A call only numbers its lines and queues them; they are compressed at <see cref="Flush"/>, on the thread that
/// commits. Compressing under the lock every call takes (up to 32 calls at once for two mock models) made the calls spin
/// on it: 0.2 s of CPU of the 100,000-cell study's template edit went to waiting for the lock (docs/BENCHMARKS.md).
/// </remarks>
public sealed class TranscriptWriter : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly GZipStream _stream;
    private readonly object _gate = new();

    // Taken before _gate by whoever compresses (Flush, Dispose): lines reach the stream in the order they were numbered.
    private readonly object _compressing = new();
    private List<byte[]> _queued = [];
    private readonly string _relativePath;
    private int _lines;
    private bool _disposed;

    public TranscriptWriter(string artifactsDirectory, string runId)
    {
        var directory = Path.Combine(artifactsDirectory, "transcripts");
        Directory.CreateDirectory(directory);
        _relativePath = $"transcripts/{runId}.jsonl.gz";
        // Shared for reading: what is flushed can be looked at (and is what a crash leaves) while the run goes on.
        var file = new FileStream(Path.Combine(artifactsDirectory, _relativePath), FileMode.Create, FileAccess.Write, FileShare.Read);
        _stream = new GZipStream(file, CompressionLevel.Fastest);
    }

    public string Append(TranscriptEntry entry) => AppendAll([entry])[0];

    /// <summary>
    /// Appends many entries (a batch's results) under one lock; returns their links in order. Serialized on the calling
    /// thread: a batch collection's store writes on the other core, and PLINQ's caller spun waiting for its workers.
    /// </summary>
    public IReadOnlyList<string> AppendAll(IReadOnlyList<TranscriptEntry> entries)
    {
        var keys = Redactor.KeysSetNow();
        var lines = entries.Select(entry => Line(entry, keys)).ToArray();
        var links = new string[lines.Length];
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            for (var i = 0; i < lines.Length; i++)
            {
                _queued.Add(lines[i]);
                _lines++;
                links[i] = $"{_relativePath}#{_lines}";
            }
        }

        return links;
    }

    /// <summary>Writes every line appended so far through to the file (a complete deflate block a reader can inflate).</summary>
    public void Flush()
    {
        lock (_compressing)
        {
            // The run's store outlives this writer: a commit after the last line (the run's end) has nothing to flush.
            if (TakeQueued(dispose: false) is { } lines)
            {
                Compress(lines);
                _stream.Flush();
            }
        }
    }

    private static byte[] Line(TranscriptEntry entry, IReadOnlyList<string> keys) => Encoding.UTF8.GetBytes(Redactor.Redact(JsonSerializer.Serialize(entry, Json), keys) + "\n");

    public void Dispose()
    {
        lock (_compressing)
        {
            if (TakeQueued(dispose: true) is { } lines)
            {
                Compress(lines);
                _stream.Dispose();
            }
        }
    }

    /// <summary>The lines queued so far (null once disposed), leaving the queue empty for the calls meanwhile.</summary>
    private List<byte[]>? TakeQueued(bool dispose)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return null;
            }

            var lines = _queued;
            _queued = [];
            _disposed = dispose;
            return lines;
        }
    }

    private void Compress(List<byte[]> lines)
    {
        foreach (var line in lines)
        {
            _stream.Write(line);
        }
    }
}
