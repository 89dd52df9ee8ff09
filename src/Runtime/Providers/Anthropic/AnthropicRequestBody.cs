using System.Text.Json;
using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Providers.Anthropic;

/// <summary>
/// The messages request as raw JSON. The SDK's typed params lack temperature and top_p, so the whole body is built
/// here and handed over with <c>MessageCreateParams.FromRawUnchecked</c>; the SDK still does transport and auth.
/// </summary>
internal static class AnthropicRequestBody
{
    /// <summary>Anthropic requires max_tokens; this is used when a lane sets none.</summary>
    public const int DefaultMaxTokens = 1024;

    public static Dictionary<string, JsonElement> Build(string model, ModelRequest request, LaneParameters parameters)
    {
        var body = new Dictionary<string, object?>
        {
            ["model"] = model,
            ["max_tokens"] = parameters.MaxTokens ?? DefaultMaxTokens,
            ["messages"] = request.Messages.Where(message => message.Role != "system")
                .Select(message => new Dictionary<string, object> { ["role"] = message.Role, ["content"] = Content(message) }).ToList(),
        };
        var system = string.Join("\n\n", request.Messages.Where(message => message.Role == "system").Select(message => message.Content));
        if (system.Length > 0)
        {
            body["system"] = system;
        }

        if (parameters.Temperature is { } temperature)
        {
            body["temperature"] = temperature;
        }

        if (parameters.TopP is { } topP)
        {
            body["top_p"] = topP;
        }

        if (parameters.ThinkingBudget is { } budget)
        {
            body["thinking"] = new Dictionary<string, object> { ["type"] = "enabled", ["budget_tokens"] = budget };
        }

        return body.ToDictionary(pair => pair.Key, pair => JsonSerializer.SerializeToElement(pair.Value));
    }

    /// <summary>
    /// Plain text, or — when the message has a shared prefix — two text blocks, the first (the prefix) carrying an
    /// ephemeral <c>cache_control</c> breakpoint, so later requests with the same prefix read it from Anthropic's cache.
    /// </summary>
    private static object Content(ChatMessage message) =>
        message.SharedPrefix is { } prefix && prefix > 0 && prefix < message.Content.Length
            ? new List<Dictionary<string, object>>
            {
                new() { ["type"] = "text", ["text"] = message.Content[..prefix], ["cache_control"] = new Dictionary<string, string> { ["type"] = "ephemeral" } },
                new() { ["type"] = "text", ["text"] = message.Content[prefix..] },
            }
            : message.Content;
}
