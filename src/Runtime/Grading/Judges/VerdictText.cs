using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ItemEval.Runtime.Grading.Judges;

/// <summary>What every verdict contract shares: empty and refusing answers, and finding JSON objects in free text.</summary>
internal static partial class VerdictText
{
    /// <summary>The answer's failure before any verdict is looked for: <c>empty</c>, or null.</summary>
    public static string? EmptyCode(string text) => string.IsNullOrWhiteSpace(text) ? VerdictCodes.Empty : null;

    /// <summary>
    /// A refusal is only called one when no verdict was found: "I cannot … Rating: [[3]]" is a rating. The provider's
    /// <c>content_filter</c> finish reason is a refusal too.
    /// </summary>
    public static bool IsRefusal(string text, string? finishReason) =>
        finishReason is "content_filter" or "refusal" || Refusing().IsMatch(text);

    /// <summary>
    /// The verdict when the answer did not give exactly one: <c>several_verdicts</c> for differing ones; for none, a
    /// refusal, else <c>malformed_json</c> when a JSON object was opened but broken, else <c>no_verdict</c>. Null when
    /// there is exactly one verdict to read.
    /// </summary>
    public static Verdict? NotExactlyOne(int distinctVerdicts, string text, string? finishReason, bool malformed) => distinctVerdicts switch
    {
        > 1 => Verdict.Failed(VerdictCodes.SeveralVerdicts),
        0 => Verdict.Failed(IsRefusal(text, finishReason) ? VerdictCodes.Refusal : malformed ? VerdictCodes.MalformedJson : VerdictCodes.NoVerdict),
        _ => null,
    };

    /// <summary>The JSON objects in the answer (in a ```json fence or bare); <paramref name="malformed"/> when one is opened but does not parse.</summary>
    public static IReadOnlyList<JsonElement> Objects(string text, out bool malformed)
    {
        malformed = false;
        var found = new List<JsonElement>();
        var start = text.IndexOf('{', StringComparison.Ordinal);
        while (start >= 0)
        {
            var bytes = Encoding.UTF8.GetBytes(text[start..]);
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            try
            {
                if (JsonElement.TryParseValue(ref reader, out var element) && element is { ValueKind: JsonValueKind.Object } parsed)
                {
                    found.Add(parsed);
                    start = text.IndexOf('{', start + Encoding.UTF8.GetCharCount(bytes, 0, (int)reader.BytesConsumed));
                    continue;
                }
            }
            catch (JsonException)
            {
                malformed = true;
            }

            start = text.IndexOf('{', start + 1);
        }

        return found;
    }

    /// <summary>A property by name, ignoring case (judges write Score, score, SCORE).</summary>
    public static JsonElement? Property(JsonElement element, string name) =>
        element.EnumerateObject().Where(property => string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            .Select(property => (JsonElement?)property.Value).FirstOrDefault();

    public static string? Text(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    [GeneratedRegex(@"(?i)^\W*(I\s*(am|'m)\s+(sorry|unable|not\s+able)|I\s+(cannot|can'?t|won'?t|will\s+not|must\s+decline)|sorry\b|as\s+an\s+AI)")]
    private static partial Regex Refusing();
}
