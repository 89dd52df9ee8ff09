using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Catalog;

namespace ItemEval.Runtime.Batches;

/// <summary>
/// The batch executor, for any stage's requests (Generate's cells, Grade's judge calls): per model, re-attaches to the
/// batches earlier runs of the stage left in flight, submits the other requests in batches that fit the provider's
/// limits and the money left under <c>max_usd</c>, then polls with backoff and collects each batch as it ends into
/// what <paramref name="results"/> makes of a result. A stop (Ctrl-C) while waiting leaves the batches running at the
/// provider; <c>--no-wait</c> returns after one round of refreshing and collecting. Either way the next run picks up
/// where things stand.
/// </summary>
internal sealed class BatchExecutor<TRequest, TRecord>(BatchContext context, IBatchResults<TRequest, TRecord> results, BatchLimits? limits = null)
    where TRequest : IBatchRequest
{
    /// <returns>Null when every request was submitted (or the caller stopped); the budget stop when the cap held some back.</returns>
    public async Task<BudgetExhaustedException?> RunAsync(IReadOnlyList<TRequest> requests, CancellationToken stop)
    {
        if (requests.Count == 0)
        {
            return null;
        }

        var perModel = requests
            .GroupBy(request => request.Model.Id, StringComparer.Ordinal)
            .Select(group => RunModelAsync(group.First().Model, [.. group], stop));
        var outcomes = await Task.WhenAll(perModel);
        return outcomes.FirstOrDefault(outcome => outcome is not null);
    }

    private async Task<BudgetExhaustedException?> RunModelAsync(ModelConfig model, IReadOnlyList<TRequest> requests, CancellationToken stop)
    {
        using var api = ProviderBatchApis.For(model, context.Environment);
        var submitter = new BatchSubmitter(context, api, model, results.Stage);
        var tracked = (await submitter.ReattachAsync(stop)).ToList();
        var inFlight = context.Store(store => store.Batches.CellsInFlight(results.Stage));
        var fresh = requests.Where(request => !inFlight.Contains(request.Key)).ToList();
        var exhausted = await SubmitAsync(model, api, fresh, submitter, tracked, stop);
        await new BatchWaiter<TRequest, TRecord>(context, api, model, results)
            .WaitAsync(tracked, requests.ToDictionary(request => request.Key, StringComparer.Ordinal), stop);
        return exhausted;
    }

    private async Task<BudgetExhaustedException?> SubmitAsync(
        ModelConfig model, IProviderBatchApi api, IReadOnlyList<TRequest> fresh, BatchSubmitter submitter, List<TrackedBatch> tracked, CancellationToken stop)
    {
        Directory.CreateDirectory(context.FilesDirectory);
        decimal WorstCase(ModelRequest request) =>
            context.Prices.TryGet(model.Id, out var price) ? WorstCaseCost.Usd(price, request) * context.Prices.BatchShare(model.Id) : 0m;

        var next = 0;
        while (next < fresh.Count && !stop.IsCancellationRequested)
        {
            var path = Path.Combine(context.FilesDirectory, $"{Guid.NewGuid():N}.jsonl");
            var file = BatchFileWriter.Write(path, fresh, next, api, limits ?? api.Limits, WorstCase, context.Reservations.Room);
            SpendReservation reservation;
            try
            {
                reservation = file.Entries.Count == 0
                    ? throw new BudgetExhaustedException(context.Reservations.Committed, context.MaxUsd ?? 0m, WorstCase(fresh[next].Request()))
                    : await context.Reservations.ReserveAsync(file.WorstCaseUsd, stop);
            }
            catch (BudgetExhaustedException budget)
            {
                File.Delete(path);
                context.Reporter.Info($"{fresh.Count - next} requests of {model.Id} not submitted: their worst case would cross max_usd");
                return budget;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                File.Delete(path);
                break;
            }

            next += file.Entries.Count;
            try
            {
                tracked.Add(await submitter.SubmitAsync(file, reservation));
            }
            catch (Exception refused) when (refused is BatchApiException or HttpRequestException)
            {
                // The batch row stays "submitting": the next run adopts it if the provider created it, else frees its requests.
                context.Reporter.Report(Diagnostic.Warning(
                    DiagnosticCodes.BatchNotSubmitted,
                    $"{model.Id}: a batch of {file.Entries.Count} requests could not be submitted ({refused.Message}); its requests stay pending and the next run resolves it",
                    model.Location));
                break;
            }
        }

        return null;
    }
}
