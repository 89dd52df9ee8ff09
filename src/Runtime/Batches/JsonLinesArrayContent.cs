using System.Net;
using System.Text;

namespace ItemEval.Runtime.Batches;

/// <summary>
/// A JSONL file sent as one JSON body, <c>{"name":[line,line,…]}</c>, streamed from disk (a batch of up to 256 MB is
/// never held in memory). JSON text never holds a raw newline, so each line's newline becomes the comma between lines.
/// </summary>
internal sealed class JsonLinesArrayContent : HttpContent
{
    private readonly string _path;
    private readonly byte[] _prefix;
    private static readonly byte[] Suffix = "]}"u8.ToArray();

    public JsonLinesArrayContent(string path, string arrayName)
    {
        _path = path;
        _prefix = Encoding.UTF8.GetBytes($"{{\"{arrayName}\":[");
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(_prefix);
        await using var file = File.OpenRead(_path);
        var remaining = Math.Max(0, file.Length - 1); // the last line's newline closes nothing
        var buffer = new byte[1 << 16];
        while (remaining > 0)
        {
            var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)));
            if (read == 0)
            {
                break;
            }

            buffer.AsSpan(0, read).Replace((byte)'\n', (byte)',');
            await stream.WriteAsync(buffer.AsMemory(0, read));
            remaining -= read;
        }

        await stream.WriteAsync(Suffix);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _prefix.Length + Math.Max(0, new FileInfo(_path).Length - 1) + Suffix.Length;
        return true;
    }
}
