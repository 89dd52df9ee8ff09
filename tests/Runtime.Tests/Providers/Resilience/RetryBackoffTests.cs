using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Runtime.Tests.Providers.Resilience;

public sealed class RetryBackoffTests
{
    private static readonly RetrySettings Settings = new() { BaseDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(60) };

    [Theory]
    [InlineData(0.0, 0, 1.5)]
    [InlineData(0.0, 3, 12)]
    [InlineData(0.5, 2, 8)]
    [InlineData(1.0, 0, 2.5)]
    [InlineData(1.0, 3, 20)]
    public void Jitter_spreads_each_step_a_quarter_either_way(double random, int retryIndex, double expectedSeconds)
    {
        var backoff = new RetryBackoff(Settings, () => random);

        Assert.Equal(expectedSeconds, backoff.DelayFor(retryIndex, retryAfter: null).TotalSeconds, precision: 9);
    }

    [Fact]
    public void The_fastest_next_step_is_still_slower_than_the_slowest_previous_one()
    {
        var slowest = new RetryBackoff(Settings, () => 1.0);
        var fastest = new RetryBackoff(Settings, () => 0.0);

        for (var retry = 1; retry < 4; retry++)
        {
            Assert.True(fastest.DelayFor(retry, null) > slowest.DelayFor(retry - 1, null));
        }
    }

    [Fact]
    public void No_delay_exceeds_the_maximum()
    {
        var backoff = new RetryBackoff(Settings, () => 1.0);

        Assert.Equal(TimeSpan.FromSeconds(60), backoff.DelayFor(10, null));
        Assert.Equal(TimeSpan.FromSeconds(60), backoff.DelayFor(2000, null));
    }

    [Fact]
    public void Retry_after_is_a_floor_not_a_replacement()
    {
        var backoff = new RetryBackoff(Settings, () => 0.5);

        Assert.Equal(TimeSpan.FromSeconds(10), backoff.DelayFor(0, TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(16), backoff.DelayFor(3, TimeSpan.FromSeconds(1)));
    }
}
