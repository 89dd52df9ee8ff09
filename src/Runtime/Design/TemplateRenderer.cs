using System.Runtime.CompilerServices;
using System.Text;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Design;

/// <summary>Fills a template for one item: the system prompt (if any) and the user message. Never the target.</summary>
public static class TemplateRenderer
{
    // A study has a few templates and renders them once per cell (twice for a batched cell: its input line, then its
    // result's transcript and cache key): parsed once per template text, not per render — parsing was most of a
    // render's cost (docs/BENCHMARKS.md, batches, stop 18). Keyed by the text instance, so nothing outlives its template.
    private static readonly ConditionalWeakTable<string, IReadOnlyList<TemplateSegment>> Parsed = new();

    public static IReadOnlyList<ChatMessage> Render(PromptTemplate template, Item item)
    {
        var messages = new List<ChatMessage>(2);
        if (template.SystemText is { } system)
        {
            messages.Add(new ChatMessage("system", Fill(system, item).TrimEnd()));
        }

        messages.Add(new ChatMessage("user", Fill(template.Text, item).TrimEnd()));
        return messages;
    }

    public static string Fill(string text, Item item)
    {
        var builder = new StringBuilder(text.Length + item.Input.Length);
        foreach (var segment in Parsed.GetValue(text, TemplateParser.Parse))
        {
            builder.Append(segment.Placeholder is { } name ? Value(name, item) : segment.Text);
        }

        return builder.ToString();
    }

    public static string Choices(IReadOnlyList<string> choices) =>
        string.Join('\n', choices.Select((choice, index) => $"{(char)('A' + index)}. {choice}"));

    private static string Value(string name, Item item) => name switch
    {
        Placeholders.Input => item.Input,
        Placeholders.Choices => Choices(item.Choices),
        Placeholders.Id => item.Id,
        Placeholders.Dataset => item.Dataset,
        _ when name.StartsWith(Placeholders.MetadataPrefix, StringComparison.Ordinal) => item.Metadata.GetValueOrDefault(name[Placeholders.MetadataPrefix.Length..], ""),
        _ => throw new InvalidOperationException($"placeholder {{{name}}} was not validated"),
    };
}
