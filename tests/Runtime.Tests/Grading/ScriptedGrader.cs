using System.Collections.Concurrent;
using ItemEval.Runtime.Grading;

namespace ItemEval.Runtime.Tests.Grading;

/// <summary>
/// An asynchronous grader whose behaviour per call the test decides, standing in for a judge; it takes the place of
/// the grader of its type and records every grading it is asked for.
/// </summary>
internal sealed class ScriptedGrader : IGrader
{
    private readonly Func<int, GradingContext, CancellationToken, Task<GradeOutcome>> _behaviour;
    private int _calls;

    public ScriptedGrader(string type, Func<int, GradingContext, CancellationToken, Task<GradeOutcome>> behaviour)
    {
        Type = type;
        _behaviour = behaviour;
    }

    public string Type { get; }

    public ConcurrentBag<GradingContext> Asked { get; } = [];

    public static GradeOutcome Pass { get; } = GradeOutcome.Scored(new ScoreResult(1, true, "ok", null));

    public async ValueTask<GradeOutcome> GradeAsync(GradingContext context, CancellationToken cancellationToken)
    {
        Asked.Add(context);

        // Yield first, as a judge's call would, so the stage really has gradings in flight side by side.
        await Task.Yield();
        return await _behaviour(Interlocked.Increment(ref _calls), context, cancellationToken);
    }
}
