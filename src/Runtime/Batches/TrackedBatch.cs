using ItemEval.Runtime.Budget;

namespace ItemEval.Runtime.Batches;

/// <summary>A batch this run waits on: our submission id, the provider's id, and the money held for it until collected.</summary>
internal sealed class TrackedBatch(string submissionId, string batchId, DateTime createdAt, SpendReservation reservation)
{
    public string SubmissionId { get; } = submissionId;

    public string BatchId { get; } = batchId;

    public DateTime CreatedAt { get; } = createdAt;

    public SpendReservation Reservation { get; } = reservation;

    public bool Collected { get; set; }
}
