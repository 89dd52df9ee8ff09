using System.Collections.Concurrent;

namespace ItemEval.FakeProviders;

/// <summary>The fake provider's invoice: one line per billed request.</summary>
internal sealed class FakeBilling
{
    private readonly ConcurrentQueue<BilledRequest> _requests = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<BilledRequest> Requests => [.. _requests];

    public void Bill(string model, string prompt, FakeUsage usage, BillingReason reason)
    {
        _requests.Enqueue(new BilledRequest(model, prompt, usage.InputTokens, usage.OutputTokens, reason, DateTimeOffset.UtcNow, usage.CacheReadTokens, usage.CacheWriteTokens));
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>
    /// Waits until the invoice satisfies <paramref name="condition"/>: a client that gives up learns nothing about when
    /// the server notices, so a test waits for the bill rather than for a fixed time.
    /// </summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<BilledRequest>, bool> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var changed = Volatile.Read(ref _changed);
            if (condition(Requests))
            {
                return;
            }

            try
            {
                await changed.Task.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"the fake provider's bill never showed {what} within {timeout.TotalSeconds:0.#} s");
            }
        }
    }

    public decimal Usd(Func<string, FakePrice> priceOf) =>
        _requests.Sum(request =>
        {
            var price = priceOf(request.Model);
            var list = ((request.InputTokens * price.InputPerMillion) + (request.OutputTokens * price.OutputPerMillion)
                + (request.CacheReadTokens * price.CacheReadRate) + (request.CacheWriteTokens * price.CacheWriteRate)) / 1_000_000m;
            return request.Reason == BillingReason.Batch ? list * FakePrice.BatchDiscount : list;
        });
}
