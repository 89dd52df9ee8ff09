using ItemEval.Runtime.Config;
using ItemEval.Runtime.Stages;
using Microsoft.Build.Framework;

namespace ItemEval.Tasks;

/// <summary>
/// Generates the pending cells. Failed cells are reported per condition as IEV0401 errors, but the task lets the
/// build go on so what did succeed is graded and exported; the failures make the run exit 1 and retry next time.
/// </summary>
public sealed class GenerateTask : StageTask
{
    private bool _onlyCellFailures;

    [Output]
    public string SolutionsHash { get; private set; } = "";

    /// <summary>Every cell finished (and this was no dry run): the target marks itself up to date.</summary>
    [Output]
    public bool Complete { get; private set; }

    /// <summary>
    /// This run stored a row (an answer, an empty answer or a failure): the exported solutions changed even where no
    /// grading did — a study without graders, or a cell that failed again with another error.
    /// </summary>
    [Output]
    public bool Stored { get; private set; }

    protected override void Run(StageContext context)
    {
        var result = GenerateStage.RunAsync(context, CancellationToken).GetAwaiter().GetResult();
        _onlyCellFailures = true;
        SolutionsHash = result.SolutionsFingerprint;
        Complete = result.Complete;
        Stored = result.Done + result.Empty + result.Failed > 0;
        context.Reporter.Info($"{result.Pending} pending: {result.Done} done, {result.Empty} empty, {result.Failed} failed; {result.Calls} provider call(s), {result.CacheHits} from cache" +
            (result.NotConnected > 0 ? $", {result.NotConnected} never reached the provider" : ""));
        foreach (var failure in result.RemainingFailures)
        {
            context.Reporter.Report(Diagnostic.Error(
                DiagnosticCodes.FailedCells,
                $"{failure.ConditionId}: {failure.Failed} of {failure.Cells} cells failed (first: {failure.FirstError}); run again to retry them",
                SourceLocation.Start(context.StudyFile)));
        }
    }

    /// <summary>Failed cells are errors for the exit code but must not stop grading of the rest.</summary>
    protected override bool ContinuesDespiteErrors => _onlyCellFailures;
}
