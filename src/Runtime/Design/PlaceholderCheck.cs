using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Design;

/// <summary>Finds unknown placeholders at ExpandGrid time (never mid-run), with a suggestion.</summary>
public static class PlaceholderCheck
{
    private static readonly Dictionary<string, string> CommonNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["question"] = Placeholders.Input,
        ["prompt"] = Placeholders.Input,
        ["problem"] = Placeholders.Input,
        ["options"] = Placeholders.Choices,
        ["answers"] = Placeholders.Choices,
    };

    public static IReadOnlyList<Diagnostic> Validate(PromptTemplate template, TemplateConfig config, IReadOnlyCollection<string> metadataKeys)
    {
        var known = Placeholders.Known(metadataKeys);
        var diagnostics = new List<Diagnostic>();
        Check(template.Text, config.Path);
        if (template.SystemText is { } system)
        {
            Check(system, config.SystemPath!);
        }

        return diagnostics;

        void Check(string text, string file)
        {
            foreach (var segment in TemplateParser.Parse(text).Where(segment => segment.Placeholder is not null && !known.Contains(segment.Placeholder)))
            {
                var name = segment.Placeholder!;
                // A typo of a common name ({questoin}) points at what that name means here ({input}).
                var closest = Suggestions.Closest(name, known.Concat(CommonNames.Keys));
                var suggestion = CommonNames.GetValueOrDefault(name) ?? (closest is null ? null : CommonNames.GetValueOrDefault(closest, closest));
                var hint = suggestion is null ? "" : $"did you mean {{{suggestion}}}? ";
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.UnknownPlaceholder,
                    $"unknown placeholder {{{name}}} in {file} (line {segment.Line}, column {segment.Column}): {hint}known: {string.Join(", ", known.Select(k => $"{{{k}}}"))}; write {{{{ and }}}} for literal braces",
                    config.Location));
            }
        }
    }
}
