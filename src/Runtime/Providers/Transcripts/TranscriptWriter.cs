using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace ItemEval.Runtime.Providers.Transcripts;

/// <summary>
/// Appends every request and response of a run to <c>transcripts/&lt;run&gt;.jsonl.gz</c>, redacted, and returns a
/// link (<c>file#line</c>) the solution row keeps. Each line is flushed so a crash keeps what was written.
/// </summary>
public sealed class TranscriptWriter : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly GZipStream _stream;
    private readonly object _gate = new();
    private readonly string _relativePath;
    private int _lines;

    public TranscriptWriter(string artifactsDirectory, string runId)
    {
        var directory = Path.Combine(artifactsDirectory, "transcripts");
        Directory.CreateDirectory(directory);
        _relativePath = $"transcripts/{runId}.jsonl.gz";
        _stream = new GZipStream(File.Create(Path.Combine(artifactsDirectory, _relativePath)), CompressionLevel.Fastest);
    }

    public string Append(TranscriptEntry entry) => AppendAll([entry])[0];

    /// <summary>Appends many entries (a batch's results), serialized in parallel and flushed once; returns their links in order.</summary>
    public IReadOnlyList<string> AppendAll(IReadOnlyList<TranscriptEntry> entries)
    {
        var lines = entries.Count == 1
            ? [Line(entries[0])]
            : entries.AsParallel().AsOrdered().Select(Line).ToArray();
        var links = new string[lines.Length];
        lock (_gate)
        {
            for (var i = 0; i < lines.Length; i++)
            {
                _stream.Write(lines[i]);
                _lines++;
                links[i] = $"{_relativePath}#{_lines}";
            }

            _stream.Flush();
        }

        return links;
    }

    private static byte[] Line(TranscriptEntry entry) => Encoding.UTF8.GetBytes(Redactor.Redact(JsonSerializer.Serialize(entry, Json)) + "\n");

    public void Dispose() => _stream.Dispose();
}
