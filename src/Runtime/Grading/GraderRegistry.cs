namespace ItemEval.Runtime.Grading;

/// <summary>
/// The graders by their study.yaml <c>type</c>: the one list of grader types (the study schema takes its list from
/// <see cref="Default"/>). A new kind of grader, such as an LLM judge, is one more entry here.
/// </summary>
public sealed class GraderRegistry
{
    private readonly Dictionary<string, IGrader> _graders;

    private GraderRegistry(IEnumerable<IGrader> graders) =>
        _graders = graders.ToDictionary(grader => grader.Type.ToLowerInvariant(), StringComparer.OrdinalIgnoreCase);

    public static GraderRegistry Default { get; } = new(
        new IScorer[] { new ExactScorer(), new MultipleChoiceScorer(), new NumericScorer(), new RegexScorer() }
            .Select(scorer => (IGrader)new ScorerGrader(scorer))
            .Concat([new Judges.RubricJudge(), new Judges.PairwiseJudge(), new Judges.ComplianceJudge()]));

    /// <summary>The known types, lower case (as study.yaml spells them) in ordinal order, as error messages list them.</summary>
    public IReadOnlyList<string> Types => _graders.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>The types that call a model (LLM judges), lower case in ordinal order.</summary>
    public IReadOnlyList<string> JudgeTypes => _graders.Where(pair => pair.Value is Judges.LlmJudge).Select(pair => pair.Key).Order(StringComparer.Ordinal).ToList();

    public IGrader Get(string type) =>
        _graders.TryGetValue(type, out var grader)
            ? grader
            : throw new ArgumentException($"unknown grader type '{type}'; types are {string.Join(", ", Types)}", nameof(type));

    /// <summary>This registry with <paramref name="grader"/> added, or replacing the one of its type.</summary>
    public GraderRegistry With(IGrader grader) =>
        new(_graders.Values.Where(known => !string.Equals(known.Type, grader.Type, StringComparison.OrdinalIgnoreCase)).Append(grader));
}
