namespace ItemEval.Runtime.Budget;

/// <summary>
/// The hard cap with calls in flight: before a call is sent its worst case is reserved against <c>max_usd</c>, and
/// after it the reservation settles to the actual cost. Committed spend plus every open reservation never exceeds the
/// cap, so the provider's bill cannot either — however many calls are in flight.
/// </summary>
/// <remarks>
/// A reservation that does not fit waits while other reservations are open (they usually settle well below their
/// worst case and make room); it fails only when nothing is open and it still does not fit.
/// </remarks>
public sealed class SpendReservations
{
    private readonly decimal? _cap;
    private readonly object _gate = new();
    private decimal _committed;
    private decimal _open;
    private int _openCount;
    private TaskCompletionSource _settled = NewSignal();

    public SpendReservations(decimal? cap, decimal spentBefore)
    {
        _cap = cap;
        _committed = spentBefore;
    }

    /// <summary>Spent so far: earlier runs' ledger plus every settled call of this run.</summary>
    public decimal Committed
    {
        get
        {
            lock (_gate)
            {
                return _committed;
            }
        }
    }

    /// <summary>What may still be reserved now (null: no cap).</summary>
    public decimal? Room
    {
        get
        {
            lock (_gate)
            {
                return _cap is { } cap ? Math.Max(0m, cap - _committed - _open) : null;
            }
        }
    }

    /// <summary>
    /// Holds money already promised to the provider without checking the cap: a batch submitted by an earlier run that
    /// is still running counts against what may be reserved next, and settles to its bill when collected.
    /// </summary>
    public SpendReservation Adopt(decimal worstCase)
    {
        lock (_gate)
        {
            _open += worstCase;
            _openCount++;
            return new SpendReservation(worstCase);
        }
    }

    public async ValueTask<SpendReservation> ReserveAsync(decimal worstCase, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_cap is not { } cap || _committed + _open + worstCase <= cap)
                {
                    _open += worstCase;
                    _openCount++;
                    return new SpendReservation(worstCase);
                }

                if (_openCount == 0)
                {
                    throw new BudgetExhaustedException(_committed, cap, worstCase);
                }

                wait = _settled.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Replaces the reservation by what the call cost (0 when nothing was billed).</summary>
    public void Settle(SpendReservation reservation, decimal actual)
    {
        if (!reservation.TrySettle())
        {
            return;
        }

        TaskCompletionSource settled;
        lock (_gate)
        {
            _open -= reservation.WorstCase;
            _openCount--;
            _committed += actual;
            settled = _settled;
            _settled = NewSignal();
        }

        settled.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
