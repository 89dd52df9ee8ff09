using System.Text;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Grading.Judges;

/// <summary>
/// Fills a judge template. Unlike a generation template it may show the reference (<c>{target}</c>) and the
/// answer(s) judged; an item's own placeholders fill as they do for generation.
/// </summary>
public static class JudgeRenderer
{
    /// <param name="answers">The judged answer(s) by placeholder: <c>output</c>, or <c>output_a</c> and <c>output_b</c>.</param>
    /// <returns>The prompt as one user message whose shared prefix — everything before the first judged answer — is marked for prompt caching.</returns>
    public static ChatMessage Render(JudgePrompt prompt, Item item, IReadOnlyDictionary<string, string> answers, string? statement)
    {
        var builder = new StringBuilder(prompt.Template.Length + item.Input.Length);
        int? shared = null;
        foreach (var segment in TemplateParser.Parse(prompt.Template))
        {
            if (segment.Placeholder is { } placeholder && answers.ContainsKey(placeholder))
            {
                shared ??= builder.Length;
            }

            builder.Append(segment.Placeholder switch
            {
                null => segment.Text,
                "target" => item.Target ?? "",
                "rubric" => prompt.Rubric?.TrimEnd() ?? "",
                "statement" => statement ?? "",
                var name when answers.TryGetValue(name, out var answer) => answer,
                var name => TemplateRenderer.Fill($"{{{name}}}", item),
            });
        }

        var text = builder.ToString().TrimEnd();
        return new ChatMessage("user", text, shared is > 0 && shared < text.Length ? shared : null);
    }
}
