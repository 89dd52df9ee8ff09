using System.IO.Compression;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Transcripts;
using ItemEval.Runtime.Store;

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

    [Fact]
    public void Flushed_lines_are_readable_while_the_run_still_writes()
    {
        using var writer = new TranscriptWriter(_folder.Path, "run2");
        writer.Append(Entry("first", null));
        writer.Append(Entry("second", null));
        writer.Flush();

        // What a crash right now would leave: the file as it is, no gzip trailer. Both flushed lines inflate.
        var lines = ReadWhatIsOnDisk(Path.Combine(_folder.Path, "transcripts", "run2.jsonl.gz"));

        Assert.Equal(2, lines.Count);
        Assert.Contains("\"text\":\"second\"", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_commit_flushes_the_lines_its_rows_link_to()
    {
        using var store = StudyStore.Open(_folder.Path);
        using var writer = new TranscriptWriter(_folder.Path, "run3");
        store.BeforeEachCommit(writer.Flush);
        writer.Append(Entry("linked", null));
        var before = ReadWhatIsOnDisk(Path.Combine(_folder.Path, "transcripts", "run3.jsonl.gz"));

        store.InTransaction(() => { });

        Assert.Empty(before);
        Assert.Single(ReadWhatIsOnDisk(Path.Combine(_folder.Path, "transcripts", "run3.jsonl.gz")));
    }

    [Fact]
    public async Task Lines_appended_at_once_from_many_calls_are_in_the_file_in_the_order_of_their_links()
    {
        var links = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        using (var writer = new TranscriptWriter(_folder.Path, "run5"))
        {
            await Parallel.ForEachAsync(Enumerable.Range(1, 2000), new ParallelOptions { MaxDegreeOfParallelism = 16 }, (i, _) =>
            {
                links[writer.Append(Entry($"answer {i}", null))] = $"answer {i}";
                if (i % 250 == 0)
                {
                    writer.Flush();
                }

                return ValueTask.CompletedTask;
            });
        }

        var lines = ReadWhatIsOnDisk(Path.Combine(_folder.Path, "transcripts", "run5.jsonl.gz"));

        Assert.Equal(2000, lines.Count);
        Assert.All(links, link => Assert.Contains($"\"text\":\"{link.Value}\"", lines[int.Parse(link.Key.Split('#')[1], System.Globalization.CultureInfo.InvariantCulture) - 1], StringComparison.Ordinal));
    }

    [Fact]
    public void A_commit_after_the_writer_is_disposed_is_not_an_error()
    {
        using var store = StudyStore.Open(_folder.Path);
        var writer = new TranscriptWriter(_folder.Path, "run4");
        store.BeforeEachCommit(writer.Flush);
        writer.Append(Entry("last", null));
        writer.Dispose();

        store.InTransaction(() => { });

        Assert.Single(ReadWhatIsOnDisk(Path.Combine(_folder.Path, "transcripts", "run4.jsonl.gz")));
    }

    /// <summary>Inflates as much of a possibly unfinished gzip file as is there, as a reader after a crash would.</summary>
    private static List<string> ReadWhatIsOnDisk(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        var text = new MemoryStream();
        try
        {
            gzip.CopyTo(text);
        }
        catch (InvalidDataException)
        {
            // The end of an unfinished stream; what came before it is what counts.
        }
        catch (EndOfStreamException)
        {
        }

        return [.. System.Text.Encoding.UTF8.GetString(text.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
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

    [Fact]
    public void Redaction_removes_the_values_of_the_key_variables_read_once_for_many_texts()
    {
        // Not shaped like any provider's key: only the value read from the environment can mask it.
        string[] keys = ["plain.secret.value"];

        Assert.Equal(
            ["token [REDACTED] twice [REDACTED]", "none here"],
            new[] { "token plain.secret.value twice plain.secret.value", "none here" }.Select(text => Redactor.Redact(text, keys)));
    }

    public void Dispose() => _folder.Dispose();

    private static TranscriptEntry Entry(string? text, string? error) =>
        new("cell", "openai/gpt-4o-mini", 1, [new ChatMessage("user", "q")], LaneParameters.None,
            text is null ? null : new ModelResponse(text, "stop", new TokenUsage(1, 1), TimeSpan.Zero), error, DateTimeOffset.UnixEpoch);
}
