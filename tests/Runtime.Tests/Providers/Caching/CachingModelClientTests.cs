using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Caching;
using ItemEval.Runtime.Tests.Stages;

namespace ItemEval.Runtime.Tests.Providers.Caching;

public sealed class CachingModelClientTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_repeated_request_is_served_from_the_cache_and_marked_as_a_hit()
    {
        var inner = new ScriptedClient((call, _, _) => Task.FromResult(ScriptedClient.Answer($"answer {call}")));
        var client = new CachingModelClient(inner, new ResponseCache(_folder.Path));

        var first = await client.CompleteAsync(Request("http://a/v1", epoch: 1), CancellationToken.None);
        var second = await client.CompleteAsync(Request("http://b/v1", epoch: 1), CancellationToken.None);
        var otherEpoch = await client.CompleteAsync(Request("http://a/v1", epoch: 2), CancellationToken.None);

        Assert.False(first.CacheHit);
        Assert.True(second.CacheHit);
        Assert.Equal(first.Text, second.Text);
        Assert.False(otherEpoch.CacheHit);
        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public async Task No_cache_always_calls_and_errors_are_never_cached()
    {
        var inner = new ScriptedClient((call, _, _) => call == 1 ? throw new ModelCallException("boom", 500, isTransient: true) : Task.FromResult(ScriptedClient.Answer("ok")));
        var cache = new ResponseCache(_folder.Path);

        await Assert.ThrowsAsync<ModelCallException>(() => new CachingModelClient(inner, cache).CompleteAsync(Request("u", 1), CancellationToken.None));
        var retried = await new CachingModelClient(inner, cache).CompleteAsync(Request("u", 1), CancellationToken.None);
        var bypassed = await new CachingModelClient(inner, cache, read: false).CompleteAsync(Request("u", 1), CancellationToken.None);

        Assert.False(retried.CacheHit);
        Assert.False(bypassed.CacheHit);
        Assert.Equal(3, inner.Calls);
    }

    [Fact]
    public void The_key_covers_content_and_parameters_but_not_the_endpoint()
    {
        Assert.Equal(CacheKey.For(Request("http://a/v1", 1)).ToHash(), CacheKey.For(Request("http://b/v1", 1)).ToHash());
        Assert.NotEqual(CacheKey.For(Request("u", 1)).ToHash(), CacheKey.For(Request("u", 1) with { Parameters = new LaneParameters(Temperature: 0.2) }).ToHash());
    }

    public void Dispose() => _folder.Dispose();

    private static ModelRequest Request(string baseUrl, int epoch) =>
        new("openai/gpt-4o-mini", [new ChatMessage("user", "hi")], new LaneParameters(Temperature: 0.7), epoch, new Dictionary<string, string> { ["base_url"] = baseUrl });
}
