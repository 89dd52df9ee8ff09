using ItemEval.Runtime.Budget;

namespace ItemEval.Runtime.Tests.Budget;

public sealed class SpendReservationsTests
{
    [Fact]
    public async Task Reservations_in_flight_count_against_the_cap_before_any_cost_is_known()
    {
        var reservations = new SpendReservations(cap: 1.00m, spentBefore: 0.30m);

        var first = await reservations.ReserveAsync(0.30m, CancellationToken.None);
        var second = await reservations.ReserveAsync(0.30m, CancellationToken.None);
        var third = reservations.ReserveAsync(0.30m, CancellationToken.None).AsTask();

        Assert.False(third.IsCompleted);
        reservations.Settle(first, 0.05m);
        var granted = await third.WaitAsync(TimeSpan.FromSeconds(10));
        reservations.Settle(second, 0.05m);
        reservations.Settle(granted, 0.05m);
        Assert.Equal(0.45m, reservations.Committed);
    }

    [Fact]
    public async Task A_call_that_cannot_fit_with_nothing_in_flight_is_refused()
    {
        var reservations = new SpendReservations(cap: 1.00m, spentBefore: 0.80m);

        var refused = await Assert.ThrowsAsync<BudgetExhaustedException>(() => reservations.ReserveAsync(0.30m, CancellationToken.None).AsTask());

        Assert.Equal(0.80m, refused.Committed);
        Assert.Contains("max_usd", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_waiting_reservation_is_refused_once_the_calls_in_flight_leave_no_room()
    {
        var reservations = new SpendReservations(cap: 1.00m, spentBefore: 0m);
        var inFlight = await reservations.ReserveAsync(0.80m, CancellationToken.None);
        var waiting = reservations.ReserveAsync(0.50m, CancellationToken.None).AsTask();

        reservations.Settle(inFlight, 0.70m);

        await Assert.ThrowsAsync<BudgetExhaustedException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_stop_cancels_a_reservation_that_waits_for_room()
    {
        var reservations = new SpendReservations(cap: 1.00m, spentBefore: 0m);
        await reservations.ReserveAsync(0.80m, CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var waiting = reservations.ReserveAsync(0.50m, stop.Token).AsTask();

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Without_a_cap_everything_fits_and_is_counted()
    {
        var reservations = new SpendReservations(cap: null, spentBefore: 2m);

        reservations.Settle(await reservations.ReserveAsync(1_000m, CancellationToken.None), 0.25m);

        Assert.Equal(2.25m, reservations.Committed);
    }
}
