using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Batches;

/// <summary>
/// What a batch result becomes, and where it is stored: for Generate a solution row, for Grade a grading row. The
/// collector prices, caches and books every answer the same way for both; only the row and its table differ.
/// </summary>
/// <typeparam name="TRequest">What the stage batches.</typeparam>
/// <typeparam name="TRecord">The row one result becomes.</typeparam>
internal interface IBatchResults<in TRequest, TRecord>
    where TRequest : IBatchRequest
{
    /// <summary>The stage whose batches these are (<see cref="BatchStage"/>): it re-attaches to and collects only its own.</summary>
    string Stage { get; }

    /// <summary>The ledger kind of an answer (booked with the batch flag): <c>batch</c> for Generate, <c>judge</c> for Grade.</summary>
    string LedgerKind { get; }

    /// <summary>
    /// Whether <see cref="Write"/> books each answer's ledger row itself, derived from the row it stores (a solution row
    /// carries every figure of its ledger row); otherwise the collector hands it the entries.
    /// </summary>
    bool BooksLedgerFromRows => false;

    /// <summary>A collection of <paramref name="submissionId"/> starts, before its first <see cref="Write"/>: what the stage needs to know of the store then.</summary>
    void Starting(StudyStore store, string submissionId)
    {
    }

    /// <summary>Keys whose result from this submission is already stored (a collection cut short): skipped, never booked twice.</summary>
    IReadOnlySet<string> StoredFrom(StudyStore store, string submissionId);

    /// <summary>The request's parameters as sent (the parameter policy applied), for its transcript.</summary>
    LaneParameters Effective(TRequest request);

    /// <param name="usd">What the provider billed for it, at the batch rate.</param>
    /// <param name="transcript">Where its transcript entry is.</param>
    TRecord Answered(TRequest request, string submissionId, ModelResponse answer, decimal? usd, string? transcript);

    /// <summary>A request the provider failed (unbilled): an errored row the next run tries again.</summary>
    TRecord Failed(TRequest request, string submissionId, string error, string? transcript);

    /// <summary>
    /// Stores rows with the ledger entries of their answers and <paramref name="alsoInTransaction"/> (the batch's own
    /// update) in one transaction: a crash keeps all of it or none, so nothing is booked twice.
    /// </summary>
    void Write(IReadOnlyList<TRecord> records, IReadOnlyList<LedgerEntry> ledger, Action<StudyStore>? alsoInTransaction);
}
