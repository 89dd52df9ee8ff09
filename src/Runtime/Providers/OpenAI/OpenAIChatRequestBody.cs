using System.Buffers;
using System.Text.Json;
using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Providers.OpenAI;

/// <summary>
/// The chat-completions request as UTF-8 JSON, written field by field: the same JSON the SDK's typed
/// <c>CompleteChatAsync(messages, ChatCompletionOptions)</c> sends for our parameters (tests compare the two), without
/// building its message and option models per call. Numbers go out as the SDK's <c>float</c>s, so a temperature of
/// 0.7 reads "0.7" on the wire either way.
/// </summary>
internal static class OpenAIChatRequestBody
{
    public static BinaryData Write(string model, IReadOnlyList<ChatMessage> messages, LaneParameters parameters)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + Length(messages));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("messages");
            foreach (var message in messages)
            {
                json.WriteStartObject();
                json.WriteString("role", Role(message.Role));
                json.WriteString("content", message.Content);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("model", model);
            if (parameters.Temperature is { } temperature)
            {
                json.WriteNumber("temperature", (float)temperature);
            }

            if (parameters.TopP is { } topP)
            {
                json.WriteNumber("top_p", (float)topP);
            }

            if (parameters.MaxTokens is { } maxTokens)
            {
                json.WriteNumber("max_completion_tokens", maxTokens);
            }

            if (parameters.Seed is { } seed)
            {
                json.WriteNumber("seed", (long)seed);
            }

            if (parameters.ReasoningEffort is { } effort)
            {
                json.WriteString("reasoning_effort", effort);
            }

            json.WriteEndObject();
        }

        return new BinaryData(buffer.WrittenMemory);
    }

    /// <summary>Our roles are system, user and assistant; anything else is sent as the user's, as before.</summary>
    private static string Role(string role) => role is "system" or "assistant" ? role : "user";

    // Room for the prompts as UTF-8 (JSON escapes may grow it; the buffer grows then).
    private static int Length(IReadOnlyList<ChatMessage> messages)
    {
        var length = 0;
        foreach (var message in messages)
        {
            length += message.Content.Length + 32;
        }

        return length;
    }
}
