using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages.Generate;

/// <summary>Counts of one Generate run, updated from many workers.</summary>
public sealed class GenerateTally
{
    private int _done;
    private int _failed;
    private int _empty;
    private int _calls;
    private int _cacheHits;
    private int _notConnected;
    private long _microUsd;

    public int Done => _done;

    public int Failed => _failed;

    public int Empty => _empty;

    public int Calls => _calls;

    public int CacheHits => _cacheHits;

    /// <summary>Cells that failed without reaching their provider (refused, unresolvable, given up): no provider call.</summary>
    public int NotConnected => _notConnected;

    public int Finished => _done + _failed + _empty;

    public decimal Usd => Interlocked.Read(ref _microUsd) / 1_000_000m;

    public void Record(SolutionRecord record)
    {
        switch (record.Status)
        {
            case SolutionStatus.Done:
                Interlocked.Increment(ref _done);
                break;
            case SolutionStatus.Empty:
                Interlocked.Increment(ref _empty);
                break;
            default:
                Interlocked.Increment(ref _failed);
                break;
        }

        if (record.CacheHit)
        {
            Interlocked.Increment(ref _cacheHits);
        }
        else if (record.NotConnected)
        {
            Interlocked.Increment(ref _notConnected);
        }
        else
        {
            Interlocked.Increment(ref _calls);
        }

        Interlocked.Add(ref _microUsd, (long)((record.Usd ?? 0m) * 1_000_000m));
    }
}
