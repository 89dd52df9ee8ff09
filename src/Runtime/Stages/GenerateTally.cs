namespace ItemEval.Runtime.Stages;

/// <summary>Counts of one Generate run, updated from many workers.</summary>
public sealed class GenerateTally
{
    private int _done;
    private int _failed;
    private int _empty;
    private int _calls;
    private long _microUsd;

    public int Done => _done;

    public int Failed => _failed;

    public int Empty => _empty;

    public int Calls => _calls;

    public decimal Usd => Interlocked.Read(ref _microUsd) / 1_000_000m;

    public void Record(string status, decimal usd, bool calledProvider)
    {
        switch (status)
        {
            case Store.SolutionStatus.Done:
                Interlocked.Increment(ref _done);
                break;
            case Store.SolutionStatus.Empty:
                Interlocked.Increment(ref _empty);
                break;
            default:
                Interlocked.Increment(ref _failed);
                break;
        }

        if (calledProvider)
        {
            Interlocked.Increment(ref _calls);
        }

        Interlocked.Add(ref _microUsd, (long)(usd * 1_000_000m));
    }
}
