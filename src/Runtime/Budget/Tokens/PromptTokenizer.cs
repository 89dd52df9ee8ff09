using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;

namespace ItemEval.Runtime.Budget.Tokens;

/// <summary>
/// The real tokenizer of a model, where one is public and shipped offline (the Microsoft.ML.Tokenizers data packages):
/// OpenAI's o200k_base for gpt-4o, gpt-4.1, gpt-4.5, gpt-5 and the o-series, cl100k_base for gpt-4, gpt-4-turbo and
/// gpt-3.5-turbo. Other providers' tokenizers are not public; they are counted in characters per token
/// (<see cref="TokenEstimator.Count"/>).
/// </summary>
internal static class PromptTokenizer
{
    public const string O200k = "o200k_base";
    public const string Cl100k = "cl100k_base";

    private static readonly string[] O200kFamilies = ["gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "o1", "o3", "o4"];
    private static readonly string[] Cl100kFamilies = ["gpt-4", "gpt-3.5"];
    private static readonly ConcurrentDictionary<string, Tokenizer> Loaded = new(StringComparer.Ordinal);

    /// <summary>The encoding name for an OpenAI model (also called through OpenRouter), or null when no public tokenizer applies.</summary>
    public static string? EncodingFor(string modelId)
    {
        var model = modelId.StartsWith("openrouter/openai/", StringComparison.Ordinal) ? modelId["openrouter/openai/".Length..]
            : modelId.StartsWith("openai/", StringComparison.Ordinal) ? modelId["openai/".Length..]
            : null;
        if (model is null)
        {
            return null;
        }

        if (O200kFamilies.Any(family => model.StartsWith(family, StringComparison.OrdinalIgnoreCase)))
        {
            return O200k;
        }

        // Every current OpenAI model not matched above is newer than the cl100k generation.
        return Cl100kFamilies.Any(family => model.StartsWith(family, StringComparison.OrdinalIgnoreCase)) ? Cl100k : O200k;
    }

    public static int Count(string encoding, string text) =>
        Loaded.GetOrAdd(encoding, name => TiktokenTokenizer.CreateForEncoding(name)).CountTokens(text);
}
