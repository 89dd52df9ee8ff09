using System.Text.Json;
using System.Text.Json.Nodes;

namespace ItemEval.Runtime.Providers;

/// <summary>
/// The error object a provider puts in a body — <c>{"error": {"type", "message"}}</c> (OpenAI, Anthropic) or
/// <c>{"error": {"status", "message"}}</c> (Gemini) — whatever the HTTP status it came with.
/// </summary>
/// <param name="Type">The provider's error type or status name (<c>server_error</c>, <c>overloaded_error</c>, <c>UNAVAILABLE</c>).</param>
public sealed record ProviderError(string? Type, string? Message)
{
    // Types that say "the provider is busy or broken right now", so asking again can succeed.
    private static readonly HashSet<string> TransientTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "server_error", "api_error", "overloaded_error", "rate_limit_error", "rate_limit_exceeded", "requests", "tokens",
        "timeout", "UNAVAILABLE", "INTERNAL", "RESOURCE_EXHAUSTED", "DEADLINE_EXCEEDED",
    };

    /// <summary>An error type we do not know is treated as transient: a wrong retry costs one call, a wrong give-up a cell.</summary>
    public bool IsTransient => Type is null || TransientTypes.Contains(Type);

    /// <summary>The error object in <paramref name="body"/>, or null when the body is not JSON or carries none.</summary>
    public static ProviderError? InBody(string? body)
    {
        // Every answer passes through here: skip the parse when the body cannot hold an error object.
        if (string.IsNullOrWhiteSpace(body) || !body.Contains("\"error\"", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body) is JsonObject root ? From(root["error"]) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary><c>server_error "The server had an error"</c>: the type, then the provider's own words in quotes.</summary>
    public override string ToString() =>
        string.Join(' ', new[] { Type, string.IsNullOrWhiteSpace(Message) ? null : $"\"{Message.Trim()}\"" }.Where(part => part is not null));

    private static ProviderError? From(JsonNode? error) => error switch
    {
        JsonObject details => new ProviderError(Text(details["type"]) ?? Text(details["status"]) ?? Text(details["code"]), Text(details["message"])),
        JsonValue value when value.TryGetValue(out string? message) => new ProviderError(null, message),
        _ => null,
    };

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}
