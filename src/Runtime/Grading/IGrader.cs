namespace ItemEval.Runtime.Grading;

/// <summary>
/// Grades one solution. Asynchronous so that a grader may call a model (an LLM judge) as readily as a verifiable
/// scorer computes; the stage runs graders side by side and stores each outcome as it arrives.
/// </summary>
public interface IGrader
{
    /// <summary>The grader <c>type</c> in study.yaml that selects this grader.</summary>
    string Type { get; }

    /// <summary>
    /// Grades one solution. Throwing costs only this grading (stored as <c>error</c>, retried on the next Grade);
    /// an <see cref="OperationCanceledException"/> on <paramref name="cancellationToken"/> stops the stage instead.
    /// </summary>
    ValueTask<GradeOutcome> GradeAsync(GradingContext context, CancellationToken cancellationToken);
}
