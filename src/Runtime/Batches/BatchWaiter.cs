using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Batches;

/// <summary>
/// Polls a model's batches with backoff, stores each status as it is read (Status shows it), reports progress per batch,
/// and collects each one as it ends. A stop while waiting leaves the batches running at the provider and says so.
/// </summary>
internal sealed class BatchWaiter<TRequest, TRecord>(BatchContext context, IProviderBatchApi api, ModelConfig model, IBatchResults<TRequest, TRecord> results)
    where TRequest : IBatchRequest
{
    public async Task WaitAsync(IReadOnlyList<TrackedBatch> batches, IReadOnlyDictionary<string, TRequest> planned, CancellationToken stop)
    {
        var collector = new BatchCollector<TRequest, TRecord>(context, api, model, results);
        var interval = context.Polling.First;
        try
        {
            while (batches.Any(batch => !batch.Collected))
            {
                foreach (var batch in batches.Where(batch => !batch.Collected))
                {
                    await RefreshAsync(batch, collector, planned, stop);
                }

                if (context.NoWait || batches.All(batch => batch.Collected))
                {
                    break;
                }

                await Task.Delay(interval, stop);
                interval = context.Polling.Next(interval);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl-C: nothing is cancelled at the provider.
        }

        var running = batches.Where(batch => !batch.Collected).Select(batch => batch.BatchId).ToList();
        if (running.Count > 0)
        {
            context.Reporter.Info(
                $"{running.Count} batch(es) of {model.Id} still running at the provider ({string.Join(", ", running)}): " +
                $"run {StageName(results.Stage)} again to collect them; nothing is submitted or paid twice");
        }
    }

    private static string StageName(string stage) => stage == Store.BatchStage.Grade ? "Grade" : "Generate";

    private async Task RefreshAsync(TrackedBatch batch, BatchCollector<TRequest, TRecord> collector, IReadOnlyDictionary<string, TRequest> planned, CancellationToken stop)
    {
        ProviderBatch current;
        try
        {
            current = await api.GetAsync(batch.BatchId, stop);
        }
        catch (Exception unreachable) when (unreachable is BatchApiException or HttpRequestException)
        {
            context.Reporter.Progress($"batch {batch.BatchId} ({model.Id}): status not read ({unreachable.Message}); trying again");
            return;
        }

        context.Store(store => store.Batches.SetState(batch.SubmissionId, current.Id, current.Status, current.Completed, current.Failed));
        var age = DateTime.UtcNow - batch.CreatedAt;
        context.Reporter.Progress(
            $"batch {current.Id} ({model.Id}): {current.Status}, {current.Completed}/{current.Total} done, {current.Failed} errored, age {Age(age)}");
        if (!current.Ended)
        {
            return;
        }

        var billed = await collector.CollectAsync(batch, current, planned);
        context.Reservations.Settle(batch.Reservation, billed);
        batch.Collected = true;
        context.Reporter.Info($"batch {current.Id} ({model.Id}) {current.Status}: {current.Completed} done, {current.Failed} errored, ${billed:0.0000} at the batch rate");
    }

    private static string Age(TimeSpan age) =>
        age.TotalHours >= 1 ? $"{(int)age.TotalHours}h{age.Minutes:00}m" : age.TotalMinutes >= 1 ? $"{(int)age.TotalMinutes}m{age.Seconds:00}s" : $"{age.Seconds}s";
}
