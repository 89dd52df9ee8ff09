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
public sealed class TranscriptWriter : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly GZipStream _stream;
    private readonly object _gate = new();
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
            for (var i = 0; i < lines.Length; i++)
            {
                _stream.Write(lines[i]);
                _lines++;
                links[i] = $"{_relativePath}#{_lines}";
            }
        }

        return links;
    }

    /// <summary>Writes every line appended so far through to the file (a complete deflate block a reader can inflate).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            // The run's store outlives this writer: a commit after the last line (the run's end) has nothing to flush.
            if (!_disposed)
            {
                _stream.Flush();
            }
        }
    }

    private static byte[] Line(TranscriptEntry entry, IReadOnlyList<string> keys) => Encoding.UTF8.GetBytes(Redactor.Redact(JsonSerializer.Serialize(entry, Json), keys) + "\n");

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _stream.Dispose();
        }
    }
}
