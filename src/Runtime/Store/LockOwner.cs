namespace ItemEval.Runtime.Store;

/// <summary>Who holds a study's lock: written beside the lock file, because the locked file itself cannot be read.</summary>
public sealed record LockOwner(int Pid, string Target, DateTimeOffset StartedAt)
{
    public override string ToString() => $"{Target}, pid {Pid}, started {StartedAt.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z";
}
