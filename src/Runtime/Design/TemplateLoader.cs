using ItemEval.Runtime.Config;
using ItemEval.Runtime.Hashing;

namespace ItemEval.Runtime.Design;

/// <summary>Reads a template (and its system prompt) and hashes both: the hash is part of every cell key.</summary>
public static class TemplateLoader
{
    public static PromptTemplate Load(StudyConfig study, TemplateConfig template)
    {
        var text = Normalize(File.ReadAllText(study.Resolve(template.Path)));
        var system = template.SystemPath is null ? null : Normalize(File.ReadAllText(study.Resolve(template.SystemPath)));
        return new PromptTemplate(template.Name, text, system, ContentHash.OfText($"{text}\u0000{system}"));
    }

    /// <summary>Line endings must not change the hash: a checkout on Windows is the same template.</summary>
    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
