using System.Text.Json;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Batches;

/// <summary>
/// One line of an OpenAI batch input file: <c>{custom_id, method, url, body}</c>, where the body is the chat completion
/// request the interactive client would send for the same cell (the parameter policy applied, the output cap as
/// <c>max_completion_tokens</c>).
/// </summary>
public static class OpenAIBatchLine
{
    public static void Write(Utf8JsonWriter json, string customId, string modelName, ModelRequest request, LaneParameters effective)
    {
        json.WriteStartObject();
        json.WriteString("custom_id", customId);
        json.WriteString("method", "POST");
        json.WriteString("url", "/v1/chat/completions");
        json.WriteStartObject("body");
        json.WriteString("model", modelName);
        json.WriteStartArray("messages");
        foreach (var message in request.Messages)
        {
            json.WriteStartObject();
            json.WriteString("role", message.Role);
            json.WriteString("content", message.Content);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteIf(json, "temperature", effective.Temperature);
        WriteIf(json, "top_p", effective.TopP);
        WriteIf(json, "max_completion_tokens", effective.MaxTokens);
        WriteIf(json, "seed", effective.Seed);
        if (effective.ReasoningEffort is { } effort)
        {
            json.WriteString("reasoning_effort", effort);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteIf(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }

    private static void WriteIf(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }
}
