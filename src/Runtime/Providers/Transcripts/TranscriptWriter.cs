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

    public string Append(TranscriptEntry entry)
    {
        var line = Redactor.Redact(JsonSerializer.Serialize(entry, Json)) + "\n";
        lock (_gate)
        {
            _stream.Write(Encoding.UTF8.GetBytes(line));
            _stream.Flush();
            _lines++;
            return $"{_relativePath}#{_lines}";
        }
    }

    public void Dispose() => _stream.Dispose();
}
