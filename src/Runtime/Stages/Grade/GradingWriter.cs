using System.Threading.Channels;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages.Grade;

/// <summary>
/// The one writer of a Grade run: graders finish side by side, and this stores their gradings as they arrive, in short
/// transactions, so a cancelled or crashed Grade keeps everything graded before it stopped.
/// </summary>
internal sealed class GradingWriter
{
    private const int MaxBatch = 1000;
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(200);
    private readonly Channel<GradingRecord> _gradings = Channel.CreateUnbounded<GradingRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly StageRun _run;
    private readonly Action<IReadOnlyList<GradingRecord>> _written;
    private readonly Task _loop;

    /// <param name="written">Called on the writer's thread after each stored batch (tallies, progress).</param>
    public GradingWriter(StageRun run, Action<IReadOnlyList<GradingRecord>> written)
    {
        _run = run;
        _written = written;
        _loop = Task.Run(StoreAllAsync, CancellationToken.None);
    }

    public ValueTask AddAsync(GradingRecord grading) => _gradings.Writer.WriteAsync(grading, CancellationToken.None);

    /// <summary>Stores everything still queued; the store is the stage's own again afterwards.</summary>
    public Task CompleteAsync()
    {
        _gradings.Writer.TryComplete();
        return _loop;
    }

    private async Task StoreAllAsync()
    {
        var reader = _gradings.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            var batch = await CollectBatchAsync(reader);
            _run.Store.InTransaction(() => _run.Store.Gradings.SaveAll(batch));

            // For Status in another process, which cannot open the store while this run holds it.
            _run.Progress.PublishIfDue(_run.Store);
            _written(batch);
        }
    }

    /// <summary>
    /// What arrives within one window, up to a cap: scorers finish thousands of gradings a second, and a transaction
    /// per grading would make commits the cost of grading. A crash loses at most one window.
    /// </summary>
    private static async Task<List<GradingRecord>> CollectBatchAsync(ChannelReader<GradingRecord> reader)
    {
        var batch = new List<GradingRecord>();
        using var window = new CancellationTokenSource(Window);
        try
        {
            do
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var grading))
                {
                    batch.Add(grading);
                }
            }
            while (batch.Count < MaxBatch && await reader.WaitToReadAsync(window.Token));
        }
        catch (OperationCanceledException) when (window.IsCancellationRequested)
        {
            // The window closed: store what it gathered.
        }

        return batch;
    }
}
