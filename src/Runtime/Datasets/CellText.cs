using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace ItemEval.Runtime.Datasets;

/// <summary>Turns a DuckDB value into the text an item holds: numbers invariant, lists and structs as JSON.</summary>
internal static class CellText
{
    public static string? Of(object? value) => value switch
    {
        null or DBNull => null,
        string text => text,
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        float number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable => JsonSerializer.Serialize(value),
        _ => value.ToString(),
    };

    /// <summary>A list value (a DuckDB list or a JSON array in text) as its elements' text.</summary>
    public static IReadOnlyList<string>? List(object? value)
    {
        switch (value)
        {
            case null or DBNull:
                return [];
            case string text when text.TrimStart().StartsWith('['):
                try
                {
                    return JsonSerializer.Deserialize<List<JsonElement>>(text)!.Select(element => element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText()).ToList();
                }
                catch (JsonException)
                {
                    return null;
                }

            case string:
                return null;
            case IEnumerable items:
                return items.Cast<object?>().Select(item => Of(item) ?? "").ToList();
            default:
                return null;
        }
    }
}
