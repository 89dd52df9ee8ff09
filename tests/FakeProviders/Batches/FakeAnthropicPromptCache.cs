using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;

namespace ItemEval.FakeProviders.Batches;

/// <summary>
/// Anthropic's prompt cache as batched requests meet it: the prefix up to the last block carrying <c>cache_control</c>
/// (system blocks, then the messages' content blocks, in order) is written to the cache by the first request that
/// sends it and read by every later one with the same model and prefix. Unlike the real cache there is no minimum
/// length and no expiry, so a test knows exactly which request wrote and which read.
/// </summary>
internal sealed class FakeAnthropicPromptCache
{
    private readonly ConcurrentDictionary<string, bool> _written = new(StringComparer.Ordinal);

    /// <summary>The cache counts of one answered request: (read, written), both 0 when it marks no breakpoint.</summary>
    public (int Read, int Written) Use(JsonObject parameters)
    {
        if (Prefix(parameters) is not { Length: > 0 } prefix)
        {
            return (0, 0);
        }

        var tokens = Tokens(prefix);
        return _written.TryAdd($"{(string?)parameters["model"]}\n{prefix}", true) ? (0, tokens) : (tokens, 0);
    }

    /// <summary>About four characters a token, as a real tokenizer averages on English text.</summary>
    private static int Tokens(string text) => (text.Length + 3) / 4;

    private static string? Prefix(JsonObject parameters)
    {
        var text = new StringBuilder();
        string? prefix = null;
        var blocks = (parameters["system"] as JsonArray ?? [])
            .Concat((parameters["messages"] as JsonArray ?? []).SelectMany(message => message?["content"] as JsonArray ?? []));
        foreach (var block in blocks)
        {
            text.Append((string?)block?["text"]);
            if (block?["cache_control"] is JsonObject)
            {
                prefix = text.ToString();
            }
        }

        return prefix;
    }
}
