using ItemEval.Runtime.Config;
using ItemEval.Runtime.Design;

namespace ItemEval.Runtime.Grading.Judges;

/// <summary>
/// A judge's loaded prompt: the template, the rubric and the compliance statement file, and the hash of all three
/// (part of the grading key, so editing a rubric re-grades for that judge only).
/// </summary>
/// <param name="RatingFormat">The template asks for <c>[[…]]</c> verdicts (else a JSON object); mock judges answer in kind.</param>
public sealed record JudgePrompt(string Template, string? Rubric, string? Statement, string ContentHash, bool RatingFormat)
{
    public static JudgePrompt Load(StudyConfig study, JudgeConfig judge)
    {
        var template = Read(study, judge.Template)!;
        var rubric = Read(study, judge.Rubric);
        var statement = Read(study, judge.StatementFile);
        return new JudgePrompt(template, rubric, statement, Hashing.ContentHash.OfText($"{template}\u0000{rubric}\u0000{statement}"), template.Contains("[[", StringComparison.Ordinal));
    }

    /// <summary>The placeholders a judge template of <paramref name="type"/> may use, beyond an item's own.</summary>
    public static IReadOnlyList<string> Placeholders(string type, IEnumerable<string> metadataKeys) =>
    [
        .. Design.Placeholders.Known(metadataKeys), "target", "rubric",
        .. type == "pairwise" ? new[] { "output_a", "output_b" } : ["output"],
        .. type == "compliance" ? new[] { "statement" } : [],
    ];

    private static string? Read(StudyConfig study, string? path) =>
        path is null ? null : File.ReadAllText(study.Resolve(path)).Replace("\r\n", "\n", StringComparison.Ordinal);
}
