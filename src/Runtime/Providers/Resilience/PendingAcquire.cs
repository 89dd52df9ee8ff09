namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// A caller waiting in a key's queue for its turn. The gate decides the outcome under its lock
/// (<see cref="Grant"/>, <see cref="Cancel"/>) and completes it after leaving the lock, either on the deciding
/// thread (<see cref="CompleteHere"/>: the caller's continuation runs there, so a timer that grants a call also
/// starts it instead of waking a second thread to do so) or on the thread pool (<see cref="CompleteOnPool"/>).
/// </summary>
internal sealed class PendingAcquire(int estimatedTokens) : IThreadPoolWorkItem
{
    private readonly TaskCompletionSource<RateLimitPermit> _turn = new();
    private RateLimitPermit? _permit;
    private CancellationToken _cancelledBy;

    public int EstimatedTokens => estimatedTokens;

    public LinkedListNode<PendingAcquire>? Node { get; set; }

    public Task<RateLimitPermit> Turn => _turn.Task;

    /// <summary>Decides that the caller's turn came. Completed later, off the gate's lock.</summary>
    public void Grant(RateLimitPermit permit) => _permit = permit;

    /// <summary>Decides that the caller gave up. Completed later, off the gate's lock.</summary>
    public void Cancel(CancellationToken cancellationToken) => _cancelledBy = cancellationToken;

    /// <summary>Completes the decided outcome on this thread; never call it while holding the gate's lock.</summary>
    public void CompleteHere()
    {
        if (_permit is { } permit)
        {
            _turn.TrySetResult(permit);
        }
        else
        {
            _turn.TrySetCanceled(_cancelledBy);
        }
    }

    /// <summary>Completes the decided outcome on a pool thread, for paths where running the caller here could recurse.</summary>
    public void CompleteOnPool() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    void IThreadPoolWorkItem.Execute() => CompleteHere();
}
