using System.Text.Json.Nodes;
using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Providers.Google;

/// <summary>The generateContent request: contents, systemInstruction and generationConfig (only what the lane sets).</summary>
internal static class GeminiRequestBody
{
    public static JsonObject Build(ModelRequest request, LaneParameters parameters)
    {
        var body = new JsonObject
        {
            ["contents"] = new JsonArray(request.Messages.Where(message => message.Role != "system")
                .Select(message => (JsonNode)new JsonObject
                {
                    ["role"] = message.Role == "assistant" ? "model" : "user",
                    ["parts"] = new JsonArray(new JsonObject { ["text"] = message.Content }),
                }).ToArray()),
        };
        var system = string.Join("\n\n", request.Messages.Where(message => message.Role == "system").Select(message => message.Content));
        if (system.Length > 0)
        {
            body["systemInstruction"] = new JsonObject { ["parts"] = new JsonArray(new JsonObject { ["text"] = system }) };
        }

        var config = new JsonObject();
        Set(config, "temperature", parameters.Temperature);
        Set(config, "topP", parameters.TopP);
        Set(config, "maxOutputTokens", parameters.MaxTokens);
        Set(config, "seed", parameters.Seed);
        if (parameters.ThinkingBudget is { } budget)
        {
            config["thinkingConfig"] = new JsonObject { ["thinkingBudget"] = budget };
        }

        if (config.Count > 0)
        {
            body["generationConfig"] = config;
        }

        return body;
    }

    private static void Set<T>(JsonObject config, string name, T? value)
        where T : struct
    {
        if (value is { } set)
        {
            config[name] = JsonValue.Create(set);
        }
    }
}
