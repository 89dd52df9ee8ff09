namespace ItemEval.Runtime.Providers.Metering;

/// <summary>
/// Reserves an attempt's worst case against the cap before it is sent, journals it (<see cref="Budget.InFlightJournal"/>:
/// a kill before its ledger row is stored still books it), settles to the actual cost after, and records every attempt
/// that may have been billed in the ledger — known usage as billed, an unreadable or abandoned answer as unconfirmed at
/// its worst case.
/// </summary>
/// <remarks>
/// Sits inside the rate limiter (a queued call holds no money) and outside the attempt timeout. The caller's token
/// stops the call only while it waits for room in the budget; once sent, the attempt runs on
/// <see cref="SpendMeter.Abort"/>, bounded by its timeout, so a first Ctrl-C or a budget stop lets it finish and be
/// stored instead of abandoning a call the provider bills anyway.
/// </remarks>
public sealed class MeteringModelClient(IModelClient inner, SpendMeter meter) : IModelClient
{
    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        var worstCase = meter.WorstCase(request);
        var reservation = await meter.Reservations.ReserveAsync(worstCase, cancellationToken);
        var entryId = meter.Sending(request, worstCase);
        ModelResponse response;
        try
        {
            response = await inner.CompleteAsync(request, meter.Abort);
        }
        catch (ModelCallException failure) when (failure.BilledUsage is { } usage)
        {
            // A broken answer that still said what it used: billed, and the bill is known.
            var billedCost = meter.Cost(request, usage);
            meter.Reservations.Settle(reservation, billedCost ?? 0m);
            meter.Ledger.Add(request, usage, billedCost, entryId);
            throw;
        }
        catch (Exception failure)
        {
            var billed = MayHaveBeenBilled(failure);
            meter.Reservations.Settle(reservation, billed ? worstCase : 0m);
            if (billed)
            {
                meter.Ledger.Add(request, usage: null, meter.Unconfirmed(request, worstCase), entryId);
            }
            else
            {
                meter.NotBilled(entryId);
            }

            throw;
        }

        var cost = meter.Cost(request, response.Usage);
        meter.Reservations.Settle(reservation, cost ?? 0m);
        meter.Ledger.Add(request, response.Usage, cost, entryId);
        return response;
    }

    /// <summary>
    /// A refusal with a status (429, 5xx, 4xx) is not billed; a 200 that could not be read, a timeout or an abort
    /// after sending may have been. Anything unforeseen counts as billed: an unconfirmed row is better than a gap.
    /// </summary>
    private static bool MayHaveBeenBilled(Exception failure) =>
        failure is not ModelCallException call || call.MayHaveBeenBilled;
}
