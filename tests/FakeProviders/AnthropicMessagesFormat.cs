using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;

namespace ItemEval.FakeProviders;

/// <summary>Anthropic messages: content blocks (thinking, text), stop_reason, usage with cache counts.</summary>
internal sealed class AnthropicMessagesFormat : IWireFormat
{
    public string LastUserMessage(JsonObject body)
    {
        var content = body["messages"]?.AsArray().LastOrDefault(message => (string?)message?["role"] == "user")?["content"];
        return content is JsonArray blocks ? string.Concat(blocks.Select(block => (string?)block?["text"])) : content?.ToString() ?? "";
    }

    public FakeUsage Usage(JsonObject body, bool empty) => new(11, empty ? (int?)body["max_tokens"] ?? 1024 : 9);

    public JsonObject Answer(JsonObject body, string text, bool empty, int requestNumber)
    {
        var usage = Usage(body, empty);
        var blocks = new JsonArray();
        if (body["thinking"] is JsonObject)
        {
            blocks.Add(new JsonObject { ["type"] = "thinking", ["thinking"] = "Let me think.", ["signature"] = "sig" });
        }

        if (!empty)
        {
            blocks.Add(new JsonObject { ["type"] = "text", ["text"] = text });
        }

        return new JsonObject
        {
            ["id"] = $"msg_fake{requestNumber}",
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = (string?)body["model"],
            ["content"] = blocks,
            ["stop_reason"] = empty ? "max_tokens" : "end_turn",
            ["stop_sequence"] = null,
            ["usage"] = new JsonObject
            {
                ["input_tokens"] = usage.InputTokens,
                ["output_tokens"] = usage.OutputTokens,
                ["cache_read_input_tokens"] = 5,
                ["cache_creation_input_tokens"] = 2,
            },
        };
    }

    public JsonObject Error(int status, string message) => new()
    {
        ["type"] = "error",
        ["error"] = new JsonObject
        {
            ["type"] = status switch { 429 => "rate_limit_error", 529 => "overloaded_error", >= 500 => "api_error", _ => "invalid_request_error" },
            ["message"] = message,
        },
    };

    public void AddHeaders(IDictionary<string, StringValues> headers, int requestNumber, RequestQuota? quota)
    {
        headers["request-id"] = $"req_fake{requestNumber}";
        if (quota is not null)
        {
            headers["anthropic-ratelimit-requests-limit"] = quota.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            headers["anthropic-ratelimit-requests-remaining"] = quota.Remaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
            headers["anthropic-ratelimit-requests-reset"] = quota.ResetAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
