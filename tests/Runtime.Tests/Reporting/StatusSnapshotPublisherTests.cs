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

    [Fact]
    public void A_run_that_writes_no_cell_publishes_its_start_counts_again_with_the_spend_as_it_stands()
    {
        // Grade's snapshots: it writes no cell or solution, so every publish after its first reuses those counts and
        // reads only the ledger, instead of counting every cell again.
        using var temp = new TempStore();
        temp.Store.Design.Replace([Condition], [new Cell(Condition.Id, "quiz/1", 1, "k1"), new Cell(Condition.Id, "quiz/2", 1, "k2")]);
        var publisher = new StatusSnapshotPublisher(temp.Directory, "run1", "Grade", new SteppingClock(step: TimeSpan.Zero));
        publisher.PublishStart(temp.Store, [], keepsCounts: true);

        // Written behind the run's back, so a count would show it; a judge's call is booked.
        temp.Store.Solutions.Save(StoredRows.Solution("k1", SolutionStatus.Done, Condition.Id));
        temp.Store.Ledger.Add(new LedgerEntry("run1", "judge", "k2", "mock/judge", 10, 5, 0.25m));
        publisher.PublishFinal(temp.Store);

        var snapshot = StatusSnapshot.ReadFrom(temp.Directory)!;
        Assert.Equal((0, 2, 0.25m, true), (snapshot.Conditions.Single().Done, snapshot.Conditions.Single().Pending, snapshot.SpentUsd, snapshot.Final));
    }

    [Fact]
    public void Counts_a_stage_hands_over_are_the_last_snapshot_s_and_other_runs_count_afresh()
    {
        using var temp = new TempStore();
        var publisher = StartedRun(temp, new SteppingClock(step: TimeSpan.Zero));
        temp.Store.Solutions.Save(StoredRows.Solution("k1", SolutionStatus.Done, Condition.Id));
        publisher.Publish(temp.Store);
        var counted = Done(temp);

        publisher.CountsAre([new ConditionStatus(Condition.Id, 2, 2, 0, 0, 0, 0, 0m)]);
        publisher.PublishFinal(temp.Store);

        Assert.Equal(1, counted);
        Assert.Equal(2, Done(temp));
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
