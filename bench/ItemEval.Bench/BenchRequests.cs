using System.Globalization;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;

namespace ItemEval.Bench;

/// <summary>The calls every benchmark sends: distinct prompts, so no two calls are the same request.</summary>
internal static class BenchRequests
{
    public static ModelRequest For(int index) => new(
        "openai/gpt-4.1-mini",
        [new ChatMessage("user", Prompt(index))],
        new LaneParameters(Temperature: 0.7, MaxTokens: 64),
        Epoch: 1,
        Options: new Dictionary<string, string>());

    /// <summary>The chat-completions body the SDK sends for <see cref="For"/>, for the bare-HTTP floor.</summary>
    public static string Body(int index) =>
        $$"""{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"{{Prompt(index)}}"}],"temperature":0.7,"max_completion_tokens":64}""";

    private static string Prompt(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"Question {index}: what is {index} + {index}?");
}
