namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// The live readings of one quota (requests or tokens): those whose reset has not passed. A reading is dropped once a
/// settled reading (all calls before its reporter landed) is certainly newer — its reporter was let through after the
/// older answer arrived, so the provider counted it after everything the older one saw, and it also shows what came
/// back since (a sliding window or a bucket refills as its minute goes by; keeping the tightest forever charged the
/// oldest reading with every later call, and a run paced just under its limit stopped for a whole minute every few
/// hundred calls). Readings of calls that were in flight together are not ordered — the provider may have counted
/// them in either order — so all of them stay and the most pessimistic decides.
/// </summary>
internal sealed class QuotaReadings
{
    private readonly List<QuotaReading> _readings = [];

    public void Add(QuotaReading reading) => _readings.Add(reading);

    /// <summary>The reading that leaves the least now (the latest on a tie), or null with none live.</summary>
    /// <param name="spentSoFar">The key's running total of what it let through.</param>
    /// <param name="cost">What one call in flight costs against this quota.</param>
    public QuotaLeft? Tightest(long spentSoFar, IReadOnlyCollection<RateLimitPermit> inFlight, Func<RateLimitPermit, long> cost, DateTimeOffset now)
    {
        _readings.RemoveAll(reading => now >= reading.ResetAt);
        QuotaReading? newestSettled = null;
        foreach (var reading in _readings)
        {
            if (Unsettled(reading, inFlight, cost).Count == 0 && (newestSettled is null || reading.ReporterGrant > newestSettled.ReporterGrant))
            {
                newestSettled = reading;
            }
        }

        if (newestSettled is not null)
        {
            _readings.RemoveAll(reading => reading.GrantedWhenRead < newestSettled.ReporterGrant);
        }

        QuotaLeft? tightest = null;
        foreach (var reading in _readings)
        {
            tightest = Tighter(tightest, new QuotaLeft(reading, reading.LeftAfter(spentSoFar, Unsettled(reading, inFlight, cost).Cost)));
        }

        return tightest;
    }

    /// <summary>The calls let through before the reporting one and still in flight: the provider may not have counted them.</summary>
    private static (int Count, long Cost) Unsettled(QuotaReading reading, IReadOnlyCollection<RateLimitPermit> inFlight, Func<RateLimitPermit, long> cost)
    {
        var count = 0;
        var total = 0L;
        foreach (var permit in inFlight)
        {
            if (permit.GrantNumber < reading.ReporterGrant)
            {
                count++;
                total += cost(permit);
            }
        }

        return (count, total);
    }

    private static QuotaLeft Tighter(QuotaLeft? current, QuotaLeft candidate) =>
        current is null || candidate.Left < current.Left
        || (candidate.Left == current.Left && candidate.Reading.ReporterGrant > current.Reading.ReporterGrant)
            ? candidate
            : current;
}
