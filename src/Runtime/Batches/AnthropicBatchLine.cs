using System.Text.Json;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Anthropic;

namespace ItemEval.Runtime.Batches;

/// <summary>
/// One request of an Anthropic Message Batch, <c>{custom_id, params}</c>, where <c>params</c> is the Messages body the
/// interactive client sends for the same cell (<see cref="AnthropicRequestBody"/>: system apart, temperature, top_p,
/// thinking, cache breakpoints on shared prefixes).
/// </summary>
internal static class AnthropicBatchLine
{
    public static void Write(Utf8JsonWriter json, string customId, string modelName, ModelRequest request, LaneParameters effective)
    {
        json.WriteStartObject();
        json.WriteString("custom_id", customId);
        json.WriteStartObject("params");
        foreach (var (name, value) in AnthropicRequestBody.Build(modelName, request, effective))
        {
            json.WritePropertyName(name);
            value.WriteTo(json);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
