using System.IO.Compression;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Transcripts;

namespace ItemEval.Runtime.Tests.Providers.Transcripts;

public sealed class TranscriptWriterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Each_exchange_is_a_redacted_line_with_a_link()
    {
        string link;
        using (var writer = new TranscriptWriter(_folder.Path, "run1"))
        {
            writer.Append(Entry("hello", null));
            link = writer.Append(Entry(null, $"HTTP 401: Incorrect API key provided: {FakeKeys.OpenAI}. Authorization: Bearer abc.def"));
        }

        using var reader = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(_folder.Path, "transcripts", "run1.jsonl.gz")), CompressionMode.Decompress));
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("transcripts/run1.jsonl.gz#2", link);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"text\":\"hello\"", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(FakeKeys.OpenAI, lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("abc.def", lines[1], StringComparison.Ordinal);
        Assert.Contains(Redactor.Mask, lines[1], StringComparison.Ordinal);
    }

    public static TheoryData<string, string> KeyShapedTexts => new()
    {
        { "x-api-key: " + FakeKeys.Anthropic, FakeKeys.AnthropicPrefix },
        { "key=" + FakeKeys.Google, FakeKeys.GooglePrefix },
        { "Authorization: Bearer secret-token", "secret-token" },
    };

    [Theory]
    [MemberData(nameof(KeyShapedTexts))]
    public void Redaction_removes_key_shaped_text(string text, string secret)
    {
        Assert.DoesNotContain(secret, Redactor.Redact(text), StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private static TranscriptEntry Entry(string? text, string? error) =>
        new("cell", "openai/gpt-4o-mini", 1, [new ChatMessage("user", "q")], LaneParameters.None,
            text is null ? null : new ModelResponse(text, "stop", new TokenUsage(1, 1), TimeSpan.Zero), error, DateTimeOffset.UnixEpoch);
}
