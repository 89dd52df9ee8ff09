using ItemEval.Runtime.Stages;

namespace ItemEval.Runtime.Tests.Stages;

public sealed class WriteBatchesTests
{
    [Fact]
    public void The_queue_is_bounded_so_fast_producers_wait_for_the_store()
    {
        var queue = WriteBatches.CreateQueue<int>();

        var accepted = Enumerable.Range(0, WriteBatches.QueueCapacity + 10).Count(queue.Writer.TryWrite);

        Assert.Equal(WriteBatches.QueueCapacity, accepted);
    }

    [Fact]
    public async Task A_batch_takes_at_most_the_cap_and_leaves_the_rest_queued()
    {
        var queue = WriteBatches.CreateQueue<int>();
        Enumerable.Range(0, 2500).ToList().ForEach(value => queue.Writer.TryWrite(value));
        queue.Writer.Complete();

        var sizes = new List<int>();
        while (await queue.Reader.WaitToReadAsync())
        {
            sizes.Add((await WriteBatches.CollectAsync(queue.Reader)).Count);
        }

        Assert.Equal([1000, 1000, 500], sizes);
    }
}
