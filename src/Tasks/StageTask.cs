using ItemEval.Runtime.Config;
using ItemEval.Runtime.Stages;
using Microsoft.Build.Framework;

namespace ItemEval.Tasks;

/// <summary>
/// The shared shell of every ItemEval task: turns MSBuild parameters into a <see cref="StageContext"/>, study errors
/// into canonical diagnostics, and Ctrl-C (ICancelableTask) into a cancellation the stage honours.
/// The study is loaded once per build and shared by its tasks (<see cref="BuildStudyShare"/>).
/// Keys never pass through here: providers read them from the environment inside the runtime.
/// </summary>
// MSBuild never disposes tasks; the cancellation source lives exactly as long as the task object.
#pragma warning disable CA1001
public abstract class StageTask : Microsoft.Build.Utilities.Task, ICancelableTask
#pragma warning restore CA1001
{
    private readonly CancellationTokenSource _cancellation = new();

    [Required]
    public string StudyFile { get; set; } = "";

    [Required]
    public string ArtifactsDir { get; set; } = "";

    public bool Yes { get; set; }

    public string Estimate { get; set; } = "expected";

    /// <summary>The run policy from <c>--policy</c>; empty leaves it to study.yaml.</summary>
    public string Policy { get; set; } = "";

    public bool RefreshPricing { get; set; }

    public bool UpdateLocks { get; set; }

    public bool NoCache { get; set; }

    public bool DryRun { get; set; }

    public bool VerifyFirst { get; set; }

    /// <summary>Generate and Grade: submit or refresh provider batches and return without waiting (<c>--no-wait</c>).</summary>
    public bool NoWait { get; set; }

    /// <summary>Clean: cancel the study's batches in flight at the provider first (<c>--cancel-batches</c>).</summary>
    public bool CancelBatches { get; set; }

    /// <summary>Folders besides the study's own that study.yaml may name files in (<c>--data-root</c>).</summary>
    public string[] DataRoots { get; set; } = [];

    protected CancellationToken CancellationToken => _cancellation.Token;

    public void Cancel() => _cancellation.Cancel();

    public sealed override bool Execute()
    {
        var reporter = new TaskStageReporter(Log);
        var context = new StageContext(
            Path.GetFullPath(StudyFile),
            Path.GetFullPath(ArtifactsDir),
            new StageOptions(Yes, string.IsNullOrWhiteSpace(Estimate) ? "expected" : Estimate, UpdateLocks, NoCache, DryRun, VerifyFirst, DataRoots: DataRoots, Policy: string.IsNullOrWhiteSpace(Policy) ? null : Policy, RefreshPricing: RefreshPricing, NoWait: NoWait, CancelBatches: CancelBatches),
            reporter,
            Studies: BuildEngine is IBuildEngine4 engine ? new BuildStudyShare(engine) : null);
        try
        {
            Run(context);
        }
        catch (StudyException error)
        {
            foreach (var diagnostic in error.Diagnostics)
            {
                reporter.Report(diagnostic);
            }
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            reporter.Report(Diagnostic.Error(DiagnosticCodes.Cancelled, "cancelled: finished cells are kept; run the same command to resume"));
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // A bug, not a user error: say so plainly, keep the stack for -v:detailed, and never crash MSBuild.
            reporter.Report(Diagnostic.Error(DiagnosticCodes.InternalError, $"internal error in {GetType().Name}: {error.GetType().Name}: {error.Message} (finished work is kept; please report this with the log)"));
            reporter.Detail(error.ToString());
        }

        return !Log.HasLoggedErrors || ContinuesDespiteErrors;
    }

    /// <summary>True when the errors logged are results to report (failed cells), not reasons to stop the build.</summary>
    protected virtual bool ContinuesDespiteErrors => false;

    protected abstract void Run(StageContext context);
}
