using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages;

/// <summary>
/// The frame every writing stage runs in: the study lock (one writer), the open store, and a row in <c>runs</c>
/// that ends as succeeded, failed or cancelled.
/// </summary>
public sealed class StageRun : IDisposable
{
    private readonly StudyLock _lock;
    private string _status = "failed";
    private int _calls;

    private StageRun(StudyLock studyLock, StudyStore store, string runId)
    {
        _lock = studyLock;
        Store = store;
        RunId = runId;
    }

    public StudyStore Store { get; }

    public string RunId { get; }

    public static StageRun Begin(StageContext context, string studyName, string target)
    {
        var studyLock = StudyLock.Acquire(context.ArtifactsDirectory, studyName);
        try
        {
            var store = StudyStore.Open(context.ArtifactsDirectory);
            return new StageRun(studyLock, store, store.Runs.Start(target, ToolInfo.Version));
        }
        catch
        {
            studyLock.Dispose();
            throw;
        }
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
        }
        finally
        {
            Store.Dispose();
            _lock.Dispose();
        }
    }
}
