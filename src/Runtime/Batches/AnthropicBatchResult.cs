using System.Text.Json;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Batches;

/// <summary>
/// One line of an Anthropic batch's results: <c>{custom_id, result: {type, message | error}}</c>. <c>succeeded</c> carries
/// a Message (read as the interactive client reads it: text blocks joined, thinking left out, cache counts apart);
/// <c>errored</c> the request's error; <c>expired</c> and <c>canceled</c> requests never ran and are not billed.
/// </summary>
internal static class AnthropicBatchResult
{
    public static BatchResultLine Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var customId = root.TryGetProperty("custom_id", out var id) ? id.GetString() ?? "" : "";
        if (!root.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Object)
        {
            return new BatchResultLine(customId, null, "the result line has no result");
        }

        var type = Text(result, "type");
        switch (type)
        {
            case "succeeded" when result.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object:
                return new BatchResultLine(customId, Message(message), null);
            case "errored":
                return new BatchResultLine(customId, null, Describe(result));
            case "expired" or "canceled":
                return new BatchResultLine(customId, null, null) { Unanswered = true };
            default:
                return new BatchResultLine(customId, null, $"a result of type '{type}' that could not be read");
        }
    }

    private static ModelResponse Message(JsonElement message)
    {
        var text = message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array
            ? string.Concat(content.EnumerateArray().Where(block => Text(block, "type") == "text").Select(block => Text(block, "text")))
            : "";
        var usage = message.TryGetProperty("usage", out var found) ? found : default;
        var tokens = new TokenUsage(
            Number(usage, "input_tokens"), Number(usage, "output_tokens"), 0, Number(usage, "cache_read_input_tokens"), Number(usage, "cache_creation_input_tokens"));
        return new ModelResponse(text, Text(message, "stop_reason") ?? "", tokens, TimeSpan.Zero, Text(message, "id"));
    }

    /// <summary>The request's error, in Anthropic's words: <c>error</c> is an error response (<c>{type: error, error: {type, message}}</c>).</summary>
    private static string Describe(JsonElement result)
    {
        if (!result.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
        {
            return "errored, without a reason";
        }

        var inner = error.TryGetProperty("error", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : error;
        return $"{Text(inner, "type")} \"{Text(inner, "message")}\"";
    }

    private static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Number(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;
}
