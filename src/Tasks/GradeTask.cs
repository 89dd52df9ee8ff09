using ItemEval.Runtime.Stages;
using Microsoft.Build.Framework;

namespace ItemEval.Tasks;

/// <summary>
/// Grades finished solutions with the study's graders. Failed gradings are reported per grader as IEV0402 errors, but
/// the task lets the build go on so what was graded is exported; the failures make the run exit 1 and the target
/// stays out of date, so the next run grades exactly them again (as Generate does with failed cells).
/// </summary>
public sealed class GradeTask : StageTask
{
    private bool _onlyGradingFailures;

    [Output]
    public string GradingsHash { get; private set; } = "";

    /// <summary>Every planned grading is done: the target marks itself up to date.</summary>
    [Output]
    public bool Complete { get; private set; }

    protected override void Run(StageContext context)
    {
        var result = GradeStage.Run(context, CancellationToken);
        _onlyGradingFailures = true;
        GradingsHash = result.GradingsFingerprint;
        // Judge calls still in provider batches (--no-wait) leave Grade out of date, so a later run collects them.
        Complete = result.FailedGradings == 0 && result.WaitingInBatches == 0;
    }

    /// <summary>Failed gradings are errors for the exit code but must not stop the export of the rest.</summary>
    protected override bool ContinuesDespiteErrors => _onlyGradingFailures;
}
