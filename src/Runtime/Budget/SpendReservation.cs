namespace ItemEval.Runtime.Budget;

/// <summary>One call's claim on the budget, held from just before it is sent until its cost is known.</summary>
public sealed class SpendReservation(decimal worstCase)
{
    private int _settled;

    public decimal WorstCase { get; } = worstCase;

    /// <summary>True the first time only, so a reservation is settled exactly once.</summary>
    internal bool TrySettle() => Interlocked.Exchange(ref _settled, 1) == 0;
}
