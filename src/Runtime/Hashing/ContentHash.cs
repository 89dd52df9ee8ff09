using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ItemEval.Runtime.Hashing;

/// <summary>
/// SHA-256 over canonical JSON, with a scheme version mixed in so a change of what a key covers
/// invalidates old keys instead of silently colliding with them.
/// </summary>
public static class ContentHash
{
    /// <summary>Bump when the meaning of any hashed key changes.</summary>
    public const int SchemeVersion = 1;

    private static readonly JsonSerializerOptions Canonical = new()
    {
        WriteIndented = false,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Hex SHA-256 of <paramref name="value"/> serialized as JSON (records serialize in declaration order).</summary>
    public static string Of(object value) => OfText(CanonicalText(value));

    /// <summary>The exact text <see cref="Of"/> hashes: the scheme version, then the canonical JSON.</summary>
    public static string CanonicalText(object value) => $"v{SchemeVersion}:{JsonSerializer.Serialize(value, value.GetType(), Canonical)}";

    public static string OfText(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>A short prefix for ids a person reads (cell ids, condition ids); the full hash stays in the store.</summary>
    public static string Short(string hash, int length = 8) => hash[..length];
}
