using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Caching;

namespace ItemEval.Runtime.Tests.Providers.Caching;

/// <summary>
/// The index is read as bytes into 32-byte keys now: the lines it serves and the lines it skips must be exactly those
/// the line-by-line reader served and skipped, on packs written by the real cache.
/// </summary>
public sealed class CacheIndexFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Lines_the_earlier_reader_refused_are_skipped_and_the_valid_lines_around_them_served()
    {
        using (var cache = new ResponseCache(_folder.Path))
        {
            cache.Put(Key(1), Answer(1));
            cache.Put(Key(2), Answer(2));
            cache.Put(Key(3), Answer(3));
        }

        var index = Directory.GetFiles(_folder.Path, "*.idx").Single();
        var lines = File.ReadAllLines(index);
        var (first, third) = (lines[0].Split(' '), lines[2].Split(' '));
        File.WriteAllText(index, string.Join("\n",
            lines[0],
            lines[1].ToUpperInvariant(),                                    // a hash that is not the lower-case hex ContentHash writes
            $"{third[0]} -{third[1]} {third[2]}",                           // a signed number
            $"{third[0]} {third[1]} {third[2]} 4",                          // a fourth field
            $"{third[0][..63]} {third[1]} {third[2]}",                      // a hash a digit short
            $"{first[0]}  {first[1]}",                                      // an empty field
            "") + "\r\n");
        using var reopened = new ResponseCache(_folder.Path);

        Assert.True(reopened.TryGet(Key(1), out var served));
        Assert.Equal("answer 1", served.Text);
        Assert.False(reopened.TryGet(Key(2), out _));
        Assert.False(reopened.TryGet(Key(3), out _));
        Assert.Equal([Key(1).ToHash()], reopened.Hashes());
    }

    [Fact]
    public void An_index_loaded_in_the_background_serves_what_the_packs_hold_and_what_this_process_stores_since()
    {
        using (var earlier = new ResponseCache(_folder.Path))
        {
            for (var i = 0; i < 500; i++)
            {
                earlier.Put(Key(i), Answer(i));
            }
        }

        using var cache = new ResponseCache(_folder.Path);
        cache.LoadIndexInBackground();
        cache.Put(Key(500), Answer(500));

        Assert.All(Enumerable.Range(0, 501), i => Assert.True(cache.TryGet(Key(i), out var served) && served.Text == $"answer {i}"));
        Assert.False(cache.TryGet(Key(501), out _));
        Assert.Equal(501, cache.Hashes().Count);
    }

    [Fact]
    public void A_key_parses_from_its_hash_and_prints_back_the_same_text()
    {
        var hash = Key(9).ToHash();

        Assert.True(CacheHash.TryParse(hash, out var key));
        Assert.Equal(hash, key.ToString());
        Assert.False(CacheHash.TryParse(hash.ToUpperInvariant(), out _));
        Assert.False(CacheHash.TryParse(hash[..^1] + "g", out _));
    }

    public void Dispose() => _folder.Dispose();

    private static CacheKey Key(int i) =>
        CacheKey.For(new ModelRequest("openai/gpt-4o-mini", [new ChatMessage("user", $"question {i}")], new LaneParameters(Temperature: 0), 1, new Dictionary<string, string>()));

    private static ModelResponse Answer(int i) => new($"answer {i}", "stop", new TokenUsage(10, 5), TimeSpan.FromMilliseconds(3));
}
