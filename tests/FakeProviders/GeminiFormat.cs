using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;

namespace ItemEval.FakeProviders;

/// <summary>Gemini generateContent: candidates with parts, finishReason, usageMetadata.</summary>
internal sealed class GeminiFormat : IWireFormat
{
    public string LastUserMessage(JsonObject body) =>
        string.Concat(body["contents"]?.AsArray().LastOrDefault(content => (string?)content?["role"] == "user")?["parts"]?.AsArray().Select(part => (string?)part?["text"]) ?? []);

    private const int Thoughts = 4;

    public FakeUsage Usage(JsonObject body, bool empty) => new(10, (empty ? 0 : 6) + Thoughts);

    public JsonObject Answer(JsonObject body, string text, bool empty, int requestNumber) => new()
    {
        ["candidates"] = new JsonArray(new JsonObject
        {
            ["content"] = new JsonObject { ["parts"] = empty ? new JsonArray() : new JsonArray(new JsonObject { ["text"] = text }), ["role"] = "model" },
            ["finishReason"] = empty ? "MAX_TOKENS" : "STOP",
            ["index"] = 0,
        }),
        ["usageMetadata"] = new JsonObject
        {
            ["promptTokenCount"] = Usage(body, empty).InputTokens,
            ["candidatesTokenCount"] = Usage(body, empty).OutputTokens - Thoughts,
            ["thoughtsTokenCount"] = Thoughts,
            ["cachedContentTokenCount"] = 3,
            ["totalTokenCount"] = 20,
        },
        ["modelVersion"] = "gemini-fake",
        ["responseId"] = $"resp-fake{requestNumber}",
    };

    public JsonObject Error(int status, string message) => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = status,
            ["message"] = message,
            ["status"] = status switch { 429 => "RESOURCE_EXHAUSTED", 503 => "UNAVAILABLE", >= 500 => "INTERNAL", _ => "INVALID_ARGUMENT" },
        },
    };

    public void AddHeaders(IDictionary<string, StringValues> headers, int requestNumber, RequestQuota? quota)
    {
    }
}
