using System.Text.Json;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Batches;

/// <summary>
/// One line of an OpenAI batch output or error file: <c>{id, custom_id, response: {status_code, request_id, body}, error}</c>.
/// A 200 carries a chat completion; anything else is that request's error, in the provider's words.
/// </summary>
/// <param name="Response">The answer, when the request succeeded.</param>
/// <param name="Error">The request's error, when it failed (not billed).</param>
public sealed record BatchResultLine(string CustomId, ModelResponse? Response, string? Error)
{
    /// <summary>A request the batch never ran (Anthropic's <c>expired</c>, <c>canceled</c>): no row, unbilled; it stays pending.</summary>
    public bool Unanswered { get; init; }

    public static BatchResultLine Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var customId = root.TryGetProperty("custom_id", out var id) ? id.GetString() ?? "" : "";
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            return new BatchResultLine(customId, null, Describe(error));
        }

        if (!root.TryGetProperty("response", out var response) || response.ValueKind != JsonValueKind.Object)
        {
            return new BatchResultLine(customId, null, "the batch line has neither a response nor an error");
        }

        var status = response.TryGetProperty("status_code", out var code) ? code.GetInt32() : 0;
        var body = response.TryGetProperty("body", out var found) ? found : default;
        if (status != 200)
        {
            var detail = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var bodyError) ? Describe(bodyError) : body.ToString();
            return new BatchResultLine(customId, null, $"HTTP {status} {detail}");
        }

        try
        {
            return new BatchResultLine(customId, Completion(body), null);
        }
        catch (Exception unreadable) when (unreadable is InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException or FormatException)
        {
            return new BatchResultLine(customId, null, $"an answer that could not be read ({unreadable.Message})");
        }
    }

    /// <summary>The chat completion read the way the interactive OpenAI client reads it (reasoning apart from output).</summary>
    private static ModelResponse Completion(JsonElement body)
    {
        var choice = body.GetProperty("choices")[0];
        var text = choice.GetProperty("message").TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String ? content.GetString()! : "";
        var finish = choice.TryGetProperty("finish_reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString()! : "stop";
        var usage = body.TryGetProperty("usage", out var found) && found.ValueKind == JsonValueKind.Object ? found : default;
        var reasoning = Nested(usage, "completion_tokens_details", "reasoning_tokens");
        var tokens = new TokenUsage(
            Number(usage, "prompt_tokens"), Number(usage, "completion_tokens") - reasoning, reasoning, Nested(usage, "prompt_tokens_details", "cached_tokens"));
        var requestId = body.TryGetProperty("id", out var id) ? id.GetString() : null;
        return new ModelResponse(text, finish, tokens, TimeSpan.Zero, requestId);
    }

    private static int Number(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;

    private static int Nested(JsonElement parent, string outer, string inner) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(outer, out var nested) ? Number(nested, inner) : 0;

    private static string Describe(JsonElement error)
    {
        var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        var type = error.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var message = error.TryGetProperty("message", out var m) ? m.GetString() : error.ToString();
        return string.Join(' ', new[] { code ?? type, $"\"{message}\"" }.Where(part => part is not null));
    }
}
