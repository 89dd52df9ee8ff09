using System.Text.Json;
using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Providers.OpenAI;

/// <summary>
/// Reads a chat-completions 200 body straight from its bytes: the text of the first choice, its finish reason, the id
/// and the usage (cached and reasoning tokens included). Only what the response needs is read; the rest is skipped.
/// </summary>
internal static class OpenAIChatAnswer
{
    /// <exception cref="ModelCallException">The body holds an error object, is not JSON, or has no choice.</exception>
    public static ModelResponse Read(BinaryData body, LaneParameters effective, TimeSpan latency, RateLimitHeaders? headers)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToMemory());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("the answer is not a JSON object");
            }

            if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null
                && ProviderError.InBody(body.ToString()) is not null)
            {
                throw ProviderErrors.UnreadableAnswer(body.ToString(), null, headers);
            }

            if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
            {
                throw new InvalidDataException("the answer has no choices");
            }

            var choice = choices[0];
            if (choice.ValueKind != JsonValueKind.Object || !choice.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("the first choice has no message");
            }

            var usage = Usage(root);
            return new ModelResponse(
                Text(message),
                choice.TryGetProperty("finish_reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString()! : "",
                usage,
                latency,
                root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null,
                effective,
                headers);
        }
        catch (Exception unreadable) when (unreadable is JsonException or InvalidDataException or InvalidOperationException or FormatException)
        {
            throw ProviderErrors.UnreadableAnswer(body.ToString(), unreadable, headers);
        }
    }

    /// <summary>The content as a string, or its text parts joined (what the SDK's <c>Content</c> parts held); null is "".</summary>
    private static string Text(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var content))
        {
            return "";
        }

        return content.ValueKind switch
        {
            JsonValueKind.String => content.GetString()!,
            JsonValueKind.Array => string.Concat(content.EnumerateArray()
                .Where(part => part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out _))
                .Select(part => part.GetProperty("text").GetString())),
            _ => "",
        };
    }

    /// <summary>OpenAI counts reasoning tokens inside completion tokens; we store them apart (both are billed as output).</summary>
    private static TokenUsage Usage(JsonElement root)
    {
        if (!root.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return TokenUsage.Zero;
        }

        var reasoning = Count(usage, "completion_tokens_details", "reasoning_tokens");
        return new TokenUsage(
            Count(usage, "prompt_tokens"),
            Count(usage, "completion_tokens") - reasoning,
            reasoning,
            Count(usage, "prompt_tokens_details", "cached_tokens"));
    }

    private static int Count(JsonElement usage, string name) =>
        usage.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;

    private static int Count(JsonElement usage, string details, string name) =>
        usage.TryGetProperty(details, out var inner) && inner.ValueKind == JsonValueKind.Object ? Count(inner, name) : 0;
}
