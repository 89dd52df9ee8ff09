namespace ItemEval.Runtime.Config;

/// <summary>A grader: a verifiable scorer (exact, multiple_choice, numeric, regex) applied to items of a scheme.</summary>
/// <param name="Scheme">Grade only items whose scheme equals this; null grades every item.</param>
/// <param name="Options">Scorer options, e.g. numeric <c>tolerance</c> or regex <c>pattern</c>.</param>
/// <param name="Judge">Set for an LLM judge (rubric, pairwise, compliance): its model, lane, template and rubric.</param>
public sealed record GraderConfig(
    string Name,
    string Type,
    string? Scheme,
    IReadOnlyDictionary<string, string> Options,
    SourceLocation Location,
    JudgeConfig? Judge = null);
