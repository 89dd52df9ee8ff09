using System.Text.RegularExpressions;

namespace ItemEval.Runtime.Providers.Transcripts;

/// <summary>
/// Removes secrets from anything written for audit: bearer tokens, api-key headers and anything shaped like a
/// provider key, plus the values of the key variables actually set in this process.
/// </summary>
public static partial class Redactor
{
    public const string Mask = "[REDACTED]";

    private static readonly string[] KeyVariables =
    [
        "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY", "TOGETHER_API_KEY",
        "OPENROUTER_API_KEY", "XAI_API_KEY", "VLLM_API_KEY",
    ];

    public static string Redact(string text) => Redact(text, KeysSetNow());

    /// <summary>
    /// The values of the key variables set now, for <see cref="Redact(string, IReadOnlyList{string})"/> over many texts
    /// (a batch's transcript lines): reading eight variables from the environment was most of redacting a line.
    /// </summary>
    public static IReadOnlyList<string> KeysSetNow() =>
        [.. KeyVariables.Select(Environment.GetEnvironmentVariable).OfType<string>().Where(value => value.Length >= 8)];

    /// <param name="keys">From <see cref="KeysSetNow"/>.</param>
    public static string Redact(string text, IReadOnlyList<string> keys)
    {
        foreach (var key in keys)
        {
            text = text.Replace(key, Mask, StringComparison.Ordinal);
        }

        text = BearerPattern().Replace(text, "$1" + Mask);
        text = HeaderPattern().Replace(text, "$1" + Mask);
        return KeyShapePattern().Replace(text, Mask);
    }

    [GeneratedRegex(@"(?i)(bearer\s+)[A-Za-z0-9._\-]+")]
    private static partial Regex BearerPattern();

    [GeneratedRegex(@"(?i)((?:x-api-key|x-goog-api-key|api-key|authorization)[""']?\s*[:=]\s*[""']?)[^\s""',}]+")]
    private static partial Regex HeaderPattern();

    [GeneratedRegex(@"\b(?:sk-ant-[A-Za-z0-9_\-]{10,}|sk-[A-Za-z0-9_\-]{16,}|AIza[0-9A-Za-z_\-]{30,}|xai-[A-Za-z0-9]{20,})")]
    private static partial Regex KeyShapePattern();
}
