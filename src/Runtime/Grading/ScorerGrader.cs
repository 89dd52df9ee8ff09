namespace ItemEval.Runtime.Grading;

/// <summary>A verifiable scorer as a grader: it scores synchronously, costs $0 and leaves no transcript.</summary>
public sealed class ScorerGrader : IGrader
{
    public ScorerGrader(IScorer scorer) => Scorer = scorer;

    public IScorer Scorer { get; }

    public string Type => Scorer.Type;

    public ValueTask<GradeOutcome> GradeAsync(GradingContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GradeOutcome.Scored(Scorer.Score(context.Output, context.Item, context.Grader)));
}
