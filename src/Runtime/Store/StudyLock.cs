using System.Text.Json;
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

    public static StudyLock Acquire(string artifactsDirectory, string studyName, string target)
    {
        return TryAcquire(artifactsDirectory, target, out var holder)
            ?? throw new StudyException(Diagnostic.Error(
                DiagnosticCodes.StudyLocked,
                $"study '{studyName}' is being run by another process ({holder?.ToString() ?? "holder unknown"}); wait for it to finish or stop it, then run again",
                SourceLocation.Start(LockPath(artifactsDirectory))));
    }

    /// <summary>Takes the lock, or returns null with who holds it (null when that cannot be read).</summary>
    public static StudyLock? TryAcquire(string artifactsDirectory, string target, out LockOwner? holder)
    {
        Directory.CreateDirectory(artifactsDirectory);
        var path = LockPath(artifactsDirectory);
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            AtomicFile.WriteAllText(OwnerPath(artifactsDirectory), JsonSerializer.Serialize(new LockOwner(Environment.ProcessId, target, DateTimeOffset.UtcNow), StoreJson.Options));
            holder = null;
            return new StudyLock(stream);
        }
        catch (IOException)
        {
            holder = ReadOwner(artifactsDirectory);
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();

    private static string LockPath(string artifactsDirectory) => Path.Combine(artifactsDirectory, ".lock");

    private static string OwnerPath(string artifactsDirectory) => LockPath(artifactsDirectory) + ".owner";

    private static LockOwner? ReadOwner(string artifactsDirectory)
    {
        try
        {
            return JsonSerializer.Deserialize<LockOwner>(File.ReadAllText(OwnerPath(artifactsDirectory)), StoreJson.Options);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException)
        {
            // Written by an older ItemEval, or gone: the lock still holds, only its holder is unknown.
            return null;
        }
    }
}
