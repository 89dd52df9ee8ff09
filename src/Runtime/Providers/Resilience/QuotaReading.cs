namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>One remaining-quota header (requests or tokens) as the provider stated it with one answer.</summary>
/// <param name="Remaining">What the provider said was left, counting the reporting call itself.</param>
/// <param name="Limit">The stated limit, when the provider sent one.</param>
/// <param name="Unit"><c>requests</c> or <c>tokens</c>, for the progress line.</param>
/// <param name="ResetAt">When the provider said the quota is replenished.</param>
/// <param name="ReporterGrant">The reporting call's place in the key's grant order.</param>
/// <param name="SpentThrough">The key's running total (grants, or estimated tokens) up to and including the reporting
/// call: whatever was let through after it may not be counted in <paramref name="Remaining"/> yet.</param>
/// <param name="GrantedWhenRead">The calls let through when the answer arrived: any call granted later was sent after
/// the provider had counted this one, so its own reading is certainly newer.</param>
internal sealed record QuotaReading(int Remaining, int? Limit, string Unit, DateTimeOffset ResetAt, long ReporterGrant, long SpentThrough, long GrantedWhenRead)
{
    /// <summary>
    /// What is left now: charges everything let through after the reporting call, and the calls let through before it
    /// that are still in flight (they may have reached the provider after it, uncounted).
    /// </summary>
    public long LeftAfter(long spentSoFar, long spentBeforeInFlight) => Remaining - (spentSoFar - SpentThrough) - spentBeforeInFlight;

    public string Describe() => Limit is { } limit ? $"remaining {Remaining} of {limit} {Unit}" : $"remaining {Remaining} {Unit}";
}
