using System.Threading.Channels;

namespace ItemEval.Runtime.Stages;

/// <summary>
/// How a stage's writer groups results into transactions: what arrives within one window, up to a cap. Models and
/// scorers finish thousands of results a second, and a transaction per result would make commits the cost of a run;
/// an unbounded transaction would hold DuckDB memory for every row until commit. A crash loses at most one batch.
/// </summary>
internal static class WriteBatches
{
    public const int MaxRows = 1000;

    /// <summary>Results waiting for the writer: producers wait once this many are queued (back-pressure).</summary>
    public const int QueueCapacity = 4 * MaxRows;

    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(200);

    public static Channel<T> CreateQueue<T>() =>
        Channel.CreateBounded<T>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>The next batch: at least one result (the caller waited for it), at most <see cref="MaxRows"/>.</summary>
    public static async Task<List<T>> CollectAsync<T>(ChannelReader<T> reader)
    {
        var batch = new List<T>();
        using var window = new CancellationTokenSource(Window);
        try
        {
            do
            {
                while (batch.Count < MaxRows && reader.TryRead(out var result))
                {
                    batch.Add(result);
                }
            }
            while (batch.Count < MaxRows && await reader.WaitToReadAsync(window.Token));
        }
        catch (OperationCanceledException) when (window.IsCancellationRequested)
        {
            // The window closed: store what it gathered.
        }

        return batch;
    }
}
