namespace ItemEval.Runtime.Store;

/// <summary>
/// One provider batch as the store knows it. <see cref="SubmissionId"/> is ours, written before anything is sent and
/// put in the batch's metadata, so a batch created but never stored can be found at the provider and adopted.
/// </summary>
/// <param name="BatchId">The provider's id; null until the provider confirmed creation.</param>
/// <param name="State">
/// <c>submitting</c> (stored, not yet confirmed), then the provider's status (<c>validating</c>, <c>in_progress</c>,
/// <c>finalizing</c>, <c>cancelling</c>, <c>completed</c>, <c>expired</c>, <c>cancelled</c>, <c>failed</c>), then
/// <c>collected</c> once its results are stored, or <c>abandoned</c> when it never reached the provider.
/// </param>
public sealed record StoredBatch(
    string SubmissionId,
    string Provider,
    string Model,
    string? InputFileId,
    string? BatchId,
    string State,
    int Cells,
    decimal WorstCaseUsd,
    int Done,
    int Errored,
    DateTime CreatedAt)
{
    /// <summary>States after which the batch holds no cell: its results are stored, or it never existed at the provider.</summary>
    public static readonly string[] Settled = ["collected", "abandoned"];

    /// <summary>The stage whose results the batch holds (<see cref="BatchStage"/>).</summary>
    public string Stage { get; init; } = BatchStage.Generate;
}
