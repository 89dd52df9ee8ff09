using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Store;

/// <summary>
/// One writer per study: an exclusively opened lock file beside the store. The OS releases it when the process dies,
/// so a crash never leaves a stale lock behind.
/// </summary>
public sealed class StudyLock : IDisposable
{
    private readonly FileStream _stream;

    private StudyLock(FileStream stream) => _stream = stream;

    public static StudyLock Acquire(string artifactsDirectory, string studyName)
    {
        Directory.CreateDirectory(artifactsDirectory);
        var path = Path.Combine(artifactsDirectory, ".lock");
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

            // The locked file cannot be read by others, so who holds it goes in a file beside it.
            File.WriteAllText(path + ".owner", $"pid {Environment.ProcessId} since {DateTime.UtcNow:O}");
            return new StudyLock(stream);
        }
        catch (IOException)
        {
            var holder = TryRead(path + ".owner");
            throw new StudyException(Diagnostic.Error(
                DiagnosticCodes.StudyLocked,
                $"study '{studyName}' is being run by another process ({holder}); wait for it to finish or stop it, then run again",
                SourceLocation.Start(path)));
        }
    }

    public void Dispose() => _stream.Dispose();

    private static string TryRead(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return "holder unknown";
        }
    }
}
