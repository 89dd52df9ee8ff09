using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;

namespace ItemEval.FakeProviders;

/// <summary>OpenAI chat completions (also what Together, OpenRouter, xAI, vLLM and Ollama speak).</summary>
internal sealed class OpenAIChatFormat : IWireFormat
{
    public string LastUserMessage(JsonObject body) =>
        body["messages"]?.AsArray().LastOrDefault(message => (string?)message?["role"] == "user")?["content"]?.ToString() ?? "";

    public FakeUsage Usage(JsonObject body, bool empty)
    {
        if (MeasuredUsage.From(body, empty) is { } measured)
        {
            return measured;
        }

        var reasoning = Reasoning(body, empty);
        return new FakeUsage(12, empty ? reasoning : 7 + reasoning);
    }

    public JsonObject Answer(JsonObject body, string text, bool empty, int requestNumber)
    {
        var reasoning = Reasoning(body, empty);
        var usage = Usage(body, empty);
        return new JsonObject
        {
            ["id"] = $"chatcmpl-fake{requestNumber}",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = (string?)body["model"],
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = empty ? "" : text, ["refusal"] = null },
                ["logprobs"] = null,
                ["finish_reason"] = empty ? "length" : "stop",
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = usage.InputTokens,
                ["completion_tokens"] = usage.OutputTokens,
                ["total_tokens"] = usage.InputTokens + usage.OutputTokens,
                ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = 4, ["audio_tokens"] = 0 },
                ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = reasoning, ["audio_tokens"] = 0, ["accepted_prediction_tokens"] = 0, ["rejected_prediction_tokens"] = 0 },
            },
        };
    }

    public JsonObject Error(int status, string message) => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = message,
            ["type"] = status == 429 ? "requests" : status >= 500 ? "server_error" : "invalid_request_error",
            ["param"] = null,
            ["code"] = status == 429 ? "rate_limit_exceeded" : null,
        },
    };

    public void AddHeaders(IDictionary<string, StringValues> headers, int requestNumber, RequestQuota? quota)
    {
        headers["x-request-id"] = $"req_fake{requestNumber}";
        if (quota is not null)
        {
            headers["x-ratelimit-limit-requests"] = quota.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining-requests"] = quota.Remaining.ToString(System.Globalization.CultureInfo.InvariantCulture);

            // OpenAI's duration form ("1s", "6m0s", "120ms"); whole milliseconds rounded up, so a client never comes early.
            headers["x-ratelimit-reset-requests"] = $"{Math.Ceiling(quota.ResetIn.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)}ms";
        }
    }

    private static int Reasoning(JsonObject body, bool empty) => empty ? (int?)body["max_completion_tokens"] ?? 256 : 3;
}
