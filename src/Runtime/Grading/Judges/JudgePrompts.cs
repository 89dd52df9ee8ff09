using ItemEval.Runtime.Config;
using ItemEval.Runtime.Design;

namespace ItemEval.Runtime.Grading.Judges;

/// <summary>The judges' prompts of a study by grader name, checked for unknown placeholders when the study loads.</summary>
public static class JudgePrompts
{
    public static IReadOnlyDictionary<string, JudgePrompt> Load(StudyConfig study) =>
        study.Graders.Where(grader => grader.Judge is not null)
            .ToDictionary(grader => grader.Name, grader => JudgePrompt.Load(study, grader.Judge!), StringComparer.Ordinal);

    /// <summary>Unknown placeholders, and <c>{rubric}</c> without a rubric file: before Generate spends anything.</summary>
    public static IReadOnlyList<Diagnostic> Validate(StudyConfig study, IReadOnlyDictionary<string, JudgePrompt> prompts, IReadOnlyCollection<string> metadataKeys)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var grader in study.Graders.Where(grader => grader.Judge is not null))
        {
            var known = JudgePrompt.Placeholders(grader.Type, metadataKeys);
            foreach (var segment in TemplateParser.Parse(prompts[grader.Name].Template).Where(segment => segment.Placeholder is not null))
            {
                var name = segment.Placeholder!;
                if (!known.Contains(name))
                {
                    var hint = Suggestions.Closest(name, known) is { } close ? $"did you mean {{{close}}}? " : "";
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnknownPlaceholder,
                        $"unknown placeholder {{{name}}} in {grader.Judge!.Template} (line {segment.Line}, column {segment.Column}) of grader '{grader.Name}' ({grader.Type}): {hint}known: {string.Join(", ", known.Select(k => $"{{{k}}}"))}",
                        grader.Location));
                }
                else if (name == "rubric" && grader.Judge!.Rubric is null)
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingKey,
                        $"grader '{grader.Name}': {grader.Judge.Template} uses {{rubric}} but the grader names no rubric file; add rubric: rubrics/<name>.txt",
                        grader.Location));
                }
            }
        }

        return diagnostics;
    }
}
