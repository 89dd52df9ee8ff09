using ItemEval.Runtime.Budget;

namespace ItemEval.Runtime.Providers.Metering;

/// <summary>
/// What every metered call of one stage shares: the prices, the reservations against <c>max_usd</c>, the ledger sink,
/// the run's journal of paid attempts in flight, and the token that aborts calls already sent (a soft stop never
/// cancels them; see <see cref="MeteringModelClient"/>).
/// </summary>
public sealed class SpendMeter(PriceTable prices, SpendReservations reservations, LedgerSink ledger, InFlightJournal? journal = null, CancellationToken abort = default)
{
    public SpendReservations Reservations { get; } = reservations;

    public LedgerSink Ledger { get; } = ledger;

    public CancellationToken Abort { get; } = abort;

    public decimal WorstCase(ModelRequest request) =>
        prices.TryGet(request.Model, out var price) ? WorstCaseCost.Usd(price, request) : 0m;

    /// <summary>The call's cost; null for a model without a price (reserved and settled as $0: it runs only uncapped).</summary>
    public decimal? Cost(ModelRequest request, TokenUsage usage) => prices.CostOf(request.Model, usage);

    /// <summary>What an unconfirmed attempt is booked at: its worst case, or null (unknown) for a model without a price.</summary>
    public decimal? Unconfirmed(ModelRequest request, decimal worstCase) => prices.TryGet(request.Model, out _) ? worstCase : null;

    /// <summary>
    /// Journals the attempt just before it is sent and returns the id its ledger row takes; null without a journal or
    /// for a free model, whose attempts cost nothing.
    /// </summary>
    public string? Sending(ModelRequest request, decimal worstCase) =>
        journal is null || PriceTable.IsFree(request.Model) ? null : journal.Sent(Ledger.Unanswered(request, Unconfirmed(request, worstCase)));

    /// <summary>The attempt <see cref="Sending"/> journalled was refused: not billed, so no ledger row is owed for it.</summary>
    public void NotBilled(string? entryId)
    {
        if (entryId is not null)
        {
            journal?.NotBilled(entryId);
        }
    }
}
