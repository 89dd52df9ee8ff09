namespace ItemEval.Runtime.Grading;

/// <summary>The verifiable scorers by their study.yaml <c>type</c>.</summary>
public static class ScorerRegistry
{
    private static readonly Dictionary<string, IScorer> Scorers =
        new IScorer[] { new ExactScorer(), new MultipleChoiceScorer(), new NumericScorer(), new RegexScorer() }
            .ToDictionary(scorer => scorer.Type, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyCollection<string> KnownTypes => Scorers.Keys;

    public static IScorer Get(string type) =>
        Scorers.TryGetValue(type, out var scorer) ? scorer : throw new ArgumentException($"unknown scorer type '{type}'", nameof(type));
}
