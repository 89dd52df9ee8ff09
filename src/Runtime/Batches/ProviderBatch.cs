namespace ItemEval.Runtime.Batches;

/// <summary>A batch as the provider describes it: its status, counts and result files.</summary>
/// <param name="SubmissionId">Our submission id from the batch's metadata (null on a batch ItemEval did not create).</param>
public sealed record ProviderBatch(
    string Id,
    string Status,
    int Total,
    int Completed,
    int Failed,
    string? OutputFileId,
    string? ErrorFileId,
    string? SubmissionId)
{
    /// <summary>Why the provider failed the whole batch (validation of its input file), in its words; null otherwise.</summary>
    public string? Errors { get; init; }

    /// <summary>
    /// The provider will not change it any more: its results (partial for expired, cancelled) can be collected. OpenAI says
    /// <c>completed</c>, <c>expired</c>, <c>cancelled</c> or <c>failed</c>; Anthropic's <c>processing_status</c> says <c>ended</c>.
    /// </summary>
    public bool Ended => Status is "completed" or "expired" or "cancelled" or "failed" or "ended";
}
