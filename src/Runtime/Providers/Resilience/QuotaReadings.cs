namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// The live readings of one quota (requests or tokens): those whose reset has not passed. Readings all of whose
/// earlier calls have landed change only with what is let through, which charges them alike, so only the tightest of
/// them is kept; the others wait for their earlier calls to land.
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
        QuotaLeft? tightest = null;
        QuotaLeft? tightestSettled = null;
        foreach (var reading in _readings)
        {
            var (unsettled, unsettledCost) = Unsettled(reading, inFlight, cost);
            var left = new QuotaLeft(reading, reading.LeftAfter(spentSoFar, unsettledCost));
            tightest = Tighter(tightest, left);
            if (unsettled == 0)
            {
                tightestSettled = Tighter(tightestSettled, left);
            }
        }

        if (tightestSettled is not null)
        {
            _readings.RemoveAll(reading => !ReferenceEquals(reading, tightestSettled.Reading) && Unsettled(reading, inFlight, cost).Count == 0);
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
