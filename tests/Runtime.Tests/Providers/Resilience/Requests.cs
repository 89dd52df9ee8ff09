using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Tests.Providers.Resilience;

/// <summary>Small requests for the resilience tests.</summary>
internal static class Requests
{
    public const string Model = "openai/gpt-test";

    public static ModelRequest For(string model = Model, string prompt = "What is 2 + 2?", int? maxTokens = 16) =>
        new(model, [new ChatMessage("user", prompt)], new LaneParameters(MaxTokens: maxTokens), 0, new Dictionary<string, string>());
}
