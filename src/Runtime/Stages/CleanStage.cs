using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages;

/// <summary>Deletes the study's artifacts (store, stamps, exports). The committed lock file stays.</summary>
public static class CleanStage
{
    public static void Run(StageContext context, string studyName)
    {
        if (!Directory.Exists(context.ArtifactsDirectory))
        {
            context.Reporter.Info("nothing to clean");
            return;
        }

        // Taking the lock first refuses to delete a store another process is writing.
        using (StudyLock.Acquire(context.ArtifactsDirectory, studyName, "Clean"))
        {
            Batches.BatchesBeforeClean.CancelOrRefuse(context);
            foreach (var entry in Directory.EnumerateFileSystemEntries(context.ArtifactsDirectory).Where(path => Path.GetFileName(path) != ".lock"))
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }
        }

        Directory.Delete(context.ArtifactsDirectory, recursive: true);
        context.Reporter.Info($"removed {context.ArtifactsDirectory}");
    }
}
