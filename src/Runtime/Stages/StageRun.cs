using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Reporting;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages;

/// <summary>
/// The frame every writing stage runs in: the study lock (one writer), the open store, a row in <c>runs</c>
/// that ends as succeeded, failed or cancelled, and the progress snapshot others read while the lock is held.
/// </summary>
public sealed class StageRun : IDisposable
{
    /// <summary>
    /// Targets that change nothing a Status snapshot counts (cells, their states, spend): they publish no snapshot (the
    /// one before them stays true), and a run after them may reuse the last run's final snapshot instead of counting
    /// every cell again. Status reads; BudgetCheck and Estimate price what is pending; Export writes files.
    /// </summary>
    public static readonly IReadOnlyList<string> CountNeutralTargets = [StatusStage.Target, "BudgetCheck", "Estimate", "Export"];

    /// <summary>
    /// Targets that write no cell and no solution but may spend (Grade's judges): their snapshots keep the counts they
    /// start with and refresh only the spend, instead of counting every cell at each publish.
    /// </summary>
    public static readonly IReadOnlyList<string> CellNeutralTargets = ["Grade"];

    private readonly StudyLock _lock;
    private readonly string _artifactsDirectory;
    private readonly bool _publishes;
    private string _status = "failed";
    private int _calls;

    private StageRun(StudyLock studyLock, string artifactsDirectory, StudyStore store, string runId, StatusSnapshotPublisher progress, bool publishes)
    {
        _lock = studyLock;
        _artifactsDirectory = artifactsDirectory;
        _publishes = publishes;
        Store = store;
        RunId = runId;
        Progress = progress;
    }

    public StudyStore Store { get; }

    public string RunId { get; }

    /// <summary>Publishes what Status shows while this run holds the store; writer loops call PublishIfDue.</summary>
    public StatusSnapshotPublisher Progress { get; }

    /// <summary>
    /// Takes the study lock (or fails with its holder) and opens the store. A run of one of
    /// <see cref="CountNeutralTargets"/> publishes no snapshot: the last one stays true, and a publish at the start and
    /// at the end would count every cell of the study twice for nothing.
    /// </summary>
    public static StageRun Begin(StageContext context, string studyName, string target) =>
        Open(context, StudyLock.Acquire(context.ArtifactsDirectory, studyName, target), target);

    /// <summary>
    /// Like <see cref="Begin"/>, but returns null with the lock's holder when another process runs the study (Status).
    /// </summary>
    public static StageRun? TryBegin(StageContext context, string target, out LockOwner? holder)
    {
        var studyLock = StudyLock.TryAcquire(context.ArtifactsDirectory, target, out holder);
        return studyLock is null ? null : Open(context, studyLock, target);
    }

    public void Succeeded(int calls = 0)
    {
        _status = "succeeded";
        _calls = calls;
    }

    public void Cancelled(int calls)
    {
        _status = "cancelled";
        _calls = calls;
    }

    public void Dispose()
    {
        try
        {
            Store.Runs.Finish(RunId, _status, _calls);
            if (_status is "succeeded" or "cancelled")
            {
                // Its writers stored every attempt's ledger row before the run ended; a failed run's journal stays for the next run to settle.
                InFlightJournal.Discard(_artifactsDirectory, RunId);
            }

            if (_publishes)
            {
                Progress.PublishFinal(Store);
            }
        }
        finally
        {
            Store.Dispose();
            _lock.Dispose();
        }
    }

    private static StageRun Open(StageContext context, StudyLock studyLock, string target)
    {
        var publishes = !CountNeutralTargets.Contains(target);
        try
        {
            var store = StudyStore.Open(context.ArtifactsDirectory);
            foreach (var abandoned in store.Runs.AbandonRunning())
            {
                context.Reporter.Info($"run {abandoned.RunId} ({abandoned.Target}, started {abandoned.StartedAt:yyyy-MM-dd HH:mm:ss}Z) ended without finishing (killed or crashed): marked abandoned");
            }

            foreach (var run in InFlightJournal.Recover(store, context.ArtifactsDirectory).GroupBy(entry => entry.RunId))
            {
                var usd = run.Any(entry => entry.Usd is null) ? "" : $" (${run.Sum(entry => entry.Usd):0.0000})";
                context.Reporter.Info($"run {run.Key} stopped with {run.Count()} paid call(s) in flight, which the provider may bill: booked in the ledger as unconfirmed at their worst case{usd}");
            }

            var runId = store.Runs.Start(target, ToolInfo.Version);
            var progress = new StatusSnapshotPublisher(context.ArtifactsDirectory, runId, target);
            if (publishes)
            {
                progress.PublishStart(store, CountNeutralTargets, keepsCounts: CellNeutralTargets.Contains(target));
            }

            return new StageRun(studyLock, context.ArtifactsDirectory, store, runId, progress, publishes);
        }
        catch
        {
            studyLock.Dispose();
            throw;
        }
    }
}
