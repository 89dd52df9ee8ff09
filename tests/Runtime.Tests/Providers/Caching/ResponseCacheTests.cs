using System.IO.Compression;
using System.Text.Json;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Caching;

namespace ItemEval.Runtime.Tests.Providers.Caching;

public sealed class ResponseCacheTests : IDisposable
{
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly TempFolder _folder = new();

    [Fact]
    public void A_thousand_entries_are_two_files_and_another_process_reads_them_while_the_writer_is_open()
    {
        using var writer = new ResponseCache(_folder.Path);
        for (var i = 0; i < 1000; i++)
        {
            writer.Put(Key(i), Answer(i));
        }

        using var reader = new ResponseCache(_folder.Path);

        Assert.Equal(2, Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories).Length);
        Assert.True(reader.TryGet(Key(999), out var last));
        Assert.Equal("answer 999", last.Text);
        Assert.True(writer.TryGet(Key(0), out var first));
        Assert.Equal("answer 0", first.Text);
        Assert.False(reader.TryGet(Key(1000), out _));
    }

    [Fact]
    public void Two_writers_at_once_keep_their_own_packs_and_a_later_reader_sees_both()
    {
        using (var study1 = new ResponseCache(_folder.Path))
        using (var study2 = new ResponseCache(_folder.Path))
        {
            study1.Put(Key(1), Answer(1));
            study2.Put(Key(2), Answer(2));
        }

        using var later = new ResponseCache(_folder.Path);

        Assert.True(later.TryGet(Key(1), out _));
        Assert.True(later.TryGet(Key(2), out _));
        Assert.Equal(4, Directory.GetFiles(_folder.Path).Length);
    }

    [Fact]
    public void A_record_cut_short_by_a_crash_is_a_miss_not_a_failure()
    {
        using (var cache = new ResponseCache(_folder.Path))
        {
            cache.Put(Key(1), Answer(1));
            cache.Put(Key(2), Answer(2));
        }

        var pack = Directory.GetFiles(_folder.Path, "*.bin").Single();
        using (var file = new FileStream(pack, FileMode.Open))
        {
            file.SetLength(file.Length - 10);
        }

        using var reopened = new ResponseCache(_folder.Path);

        Assert.True(reopened.TryGet(Key(1), out _));
        Assert.False(reopened.TryGet(Key(2), out _));
    }

    [Fact]
    public void An_entry_of_the_earlier_file_per_entry_layout_is_still_served()
    {
        var key = Key(7);
        var hash = key.ToHash();
        var legacy = Path.Combine(_folder.Path, hash[..2], hash + ".json.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(legacy)!);
        using (var gzip = new GZipStream(File.Create(legacy), CompressionLevel.Fastest))
        {
            JsonSerializer.Serialize(gzip, new { key, response = Answer(7) }, SnakeCase);
        }

        using var cache = new ResponseCache(_folder.Path);

        Assert.True(cache.TryGet(key, out var served));
        Assert.Equal("answer 7", served.Text);
        Assert.Contains(hash, cache.Hashes());
    }

    [Fact]
    public void A_small_entry_is_stored_as_plain_json_and_a_large_one_gzipped_and_both_read_back()
    {
        var large = Answer(2) with { Text = string.Concat(Enumerable.Repeat("a long answer, ", 1000)) };
        using (var cache = new ResponseCache(_folder.Path))
        {
            cache.Put(Key(1), Answer(1));
            cache.Put(Key(2), large);
        }

        var pack = File.ReadAllBytes(Directory.GetFiles(_folder.Path, "*.bin").Single());
        var lengths = File.ReadAllLines(Directory.GetFiles(_folder.Path, "*.idx").Single()).Select(line => int.Parse(line.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        using var reopened = new ResponseCache(_folder.Path);

        Assert.Equal((byte)'{', pack[0]);
        Assert.Equal((0x1f, 0x8b), (pack[lengths[0]], pack[lengths[0] + 1]));
        Assert.True(lengths[1] < large.Text.Length / 10);
        Assert.True(reopened.TryGet(Key(1), out var small));
        Assert.Equal("answer 1", small.Text);
        Assert.True(reopened.TryGet(Key(2), out var big));
        Assert.Equal(large.Text, big.Text);
    }

    [Fact]
    public void Entries_stored_from_many_threads_at_once_are_all_served_by_a_later_reader()
    {
        using (var cache = new ResponseCache(_folder.Path))
        {
            Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i => cache.Put(Key(i), Answer(i)));
        }

        using var reader = new ResponseCache(_folder.Path);

        Assert.All(Enumerable.Range(0, 400), i => Assert.True(reader.TryGet(Key(i), out var served) && served.Text == $"answer {i}"));
        Assert.Equal(400, File.ReadAllLines(Directory.GetFiles(_folder.Path, "*.idx").Single()).Length);
    }

    [Fact]
    public void An_index_line_after_a_gap_a_crash_left_unwritten_is_still_read()
    {
        using (var cache = new ResponseCache(_folder.Path))
        {
            cache.Put(Key(1), Answer(1));
            cache.Put(Key(2), Answer(2));
        }

        // A writer that reserved room for its line and died before writing it leaves zeros ahead of the next line.
        var index = Directory.GetFiles(_folder.Path, "*.idx").Single();
        var lines = File.ReadAllLines(index);
        File.WriteAllText(index, lines[0] + "\n" + new string('\0', 80) + lines[1] + "\n");
        using var reopened = new ResponseCache(_folder.Path);

        Assert.True(reopened.TryGet(Key(1), out _));
        Assert.True(reopened.TryGet(Key(2), out var second));
        Assert.Equal("answer 2", second.Text);
    }

    public void Dispose() => _folder.Dispose();

    private static CacheKey Key(int i) =>
        CacheKey.For(new ModelRequest("openai/gpt-4o-mini", [new ChatMessage("user", $"question {i}")], new LaneParameters(Temperature: 0), 1, new Dictionary<string, string>()));

    private static ModelResponse Answer(int i) => new($"answer {i}", "stop", new TokenUsage(10, 5), TimeSpan.FromMilliseconds(3));
}
