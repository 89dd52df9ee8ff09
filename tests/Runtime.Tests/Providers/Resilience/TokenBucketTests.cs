using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Runtime.Tests.Providers.Resilience;

public sealed class TokenBucketTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Starts_with_what_it_is_given_so_the_first_minute_of_a_run_need_not_be_a_burst()
    {
        var bucket = new TokenBucket(perMinute: 60, burstFraction: 1.0 / 20, Start, initialTokens: 1);

        Assert.Equal(1, bucket.Available);
        Assert.Equal(TimeSpan.Zero, bucket.TimeUntilAvailable(1, Start));
        Assert.Equal(TimeSpan.FromSeconds(2), bucket.TimeUntilAvailable(3, Start));
    }

    [Fact]
    public void Fills_to_a_burst_of_three_seconds_worth()
    {
        var bucket = Full(perMinute: 60);

        Assert.Equal(3, bucket.Capacity);
        Assert.Equal(TimeSpan.Zero, bucket.TimeUntilAvailable(3, Start));
        bucket.Take(3);
        Assert.Equal(TimeSpan.FromSeconds(1), bucket.TimeUntilAvailable(1, Start));
        Assert.Equal(TimeSpan.Zero, bucket.TimeUntilAvailable(1, Start.AddSeconds(1)));
    }

    [Fact]
    public void A_request_larger_than_the_burst_waits_for_a_full_bucket_then_leaves_it_in_debt()
    {
        var bucket = Full(perMinute: 6000); // 300 burst, 100 a second
        bucket.Take(250);

        Assert.Equal(TimeSpan.FromSeconds(2.5), bucket.TimeUntilAvailable(1000, Start));
        bucket.Take(1000);
        Assert.Equal(TimeSpan.FromSeconds(7.01), bucket.TimeUntilAvailable(1, Start.AddSeconds(2.5)));
    }

    [Fact]
    public void Nothing_accrues_while_held_so_a_pause_does_not_end_in_a_burst()
    {
        var bucket = Full(perMinute: 60);
        bucket.Take(3);

        bucket.HoldUntil(Start.AddSeconds(10), Start);

        Assert.Equal(TimeSpan.FromSeconds(11), bucket.TimeUntilAvailable(1, Start));
        Assert.Equal(TimeSpan.FromSeconds(1), bucket.TimeUntilAvailable(1, Start.AddSeconds(10)));
    }

    [Fact]
    public void Reconciling_refunds_an_overestimate_but_never_beyond_the_burst()
    {
        var bucket = Full(perMinute: 6000);
        bucket.Take(200);

        bucket.Adjust(150);
        Assert.Equal(250, bucket.Available);
        bucket.Adjust(1000);
        Assert.Equal(300, bucket.Available);
        bucket.Adjust(-400);
        Assert.Equal(-100, bucket.Available);
    }

    [Fact]
    public void Halving_the_rate_halves_refill_and_burst()
    {
        var bucket = Full(perMinute: 60);
        bucket.SetRate(30, Start);
        bucket.Take(1.5);

        Assert.Equal(1.5, bucket.Capacity);
        Assert.Equal(TimeSpan.FromSeconds(2), bucket.TimeUntilAvailable(1, Start));
    }

    /// <summary>A bucket that has been idle long enough to hold its whole burst at <see cref="Start"/>.</summary>
    private static TokenBucket Full(double perMinute)
    {
        var bucket = new TokenBucket(perMinute, burstFraction: 1.0 / 20, Start.AddMinutes(-1), initialTokens: 0);
        bucket.TimeUntilAvailable(0, Start); // refills up to now
        return bucket;
    }
}
