using ItemEval.Runtime.Design;
using ItemEval.Runtime.Reporting;
using ItemEval.Runtime.Store;
using ItemEval.Runtime.Tests.Store;

namespace ItemEval.Runtime.Tests.Reporting;

/// <summary>How often a run publishes its progress snapshot for Status, on a real store and a clock the test moves.</summary>
public sealed class StatusSnapshotPublisherTests
{
    private static readonly Condition Condition = StoredRows.Condition("mock-a-cold-plain-00000001");

    [Fact]
    public void A_cheap_publish_happens_at_most_once_a_second()
    {
        using var temp = new TempStore();
        var clock = new SteppingClock(step: TimeSpan.Zero);
        var publisher = StartedRun(temp, clock);

        temp.Store.Solutions.Save(StoredRows.Solution("k1", SolutionStatus.Done, Condition.Id));
        clock.Advance(TimeSpan.FromMilliseconds(900));
        publisher.PublishIfDue(temp.Store);
        var early = Done(temp);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        publisher.PublishIfDue(temp.Store);

        Assert.Equal(0, early);
        Assert.Equal(1, Done(temp));
    }

    [Fact]
    public void A_slow_publish_is_spaced_so_publishing_takes_at_most_a_twentieth_of_the_run()
    {
        using var temp = new TempStore();
        // Every reading of the clock moves it 100 ms on, so each publish seems to take 100 ms: the next is due 2 s later.
        var clock = new SteppingClock(step: TimeSpan.FromMilliseconds(100));
        var publisher = StartedRun(temp, clock);

        temp.Store.Solutions.Save(StoredRows.Solution("k1", SolutionStatus.Done, Condition.Id));
        clock.Advance(TimeSpan.FromMilliseconds(1500));
        publisher.PublishIfDue(temp.Store);
        var afterASecondAndAHalf = Done(temp);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        publisher.PublishIfDue(temp.Store);

        Assert.Equal(0, afterASecondAndAHalf);
        Assert.Equal(1, Done(temp));
    }

    private static StatusSnapshotPublisher StartedRun(TempStore temp, TimeProvider clock)
    {
        temp.Store.Design.Replace([Condition], [new Cell(Condition.Id, "quiz/1", 1, "k1"), new Cell(Condition.Id, "quiz/2", 1, "k2")]);
        var publisher = new StatusSnapshotPublisher(temp.Directory, "run1", "Generate", clock);
        publisher.Publish(temp.Store);
        Assert.Equal(0, Done(temp));
        return publisher;
    }

    private static int Done(TempStore temp) => StatusSnapshot.ReadFrom(temp.Directory)!.Conditions.Single().Done;

    /// <summary>A clock that moves only when told to, and by <c>step</c> each time it is read.</summary>
    private sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        private long _now;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public void Advance(TimeSpan by) => _now += by.Ticks;

        public override long GetTimestamp()
        {
            var now = _now;
            _now += step.Ticks;
            return now;
        }
    }
}
