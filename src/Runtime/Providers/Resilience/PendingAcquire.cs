namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>A caller waiting in a key's queue for its turn.</summary>
internal sealed class PendingAcquire(int estimatedTokens)
{
    // Continuations run off the limiter's lock, so granting never runs a caller's code while holding it.
    private readonly TaskCompletionSource<RateLimitPermit> _turn = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int EstimatedTokens => estimatedTokens;

    public LinkedListNode<PendingAcquire>? Node { get; set; }

    public Task<RateLimitPermit> Turn => _turn.Task;

    public void Grant(RateLimitPermit permit) => _turn.TrySetResult(permit);

    public void Cancel(CancellationToken cancellationToken) => _turn.TrySetCanceled(cancellationToken);
}
