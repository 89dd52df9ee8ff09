using System.Text;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Design;

/// <summary>Fills a template for one item: the system prompt (if any) and the user message. Never the target.</summary>
public static class TemplateRenderer
{
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
        foreach (var segment in TemplateParser.Parse(text))
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
