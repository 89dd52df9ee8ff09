using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers.Catalog;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Batches;

/// <summary>
/// Clean deletes the store, and with it the only record of the study's batches still running at the provider: their
/// results would be paid for and never collected. So Clean refuses while any is in flight, unless told to cancel them
/// at the provider first (<c>--cancel-batches</c>).
/// </summary>
internal static class BatchesBeforeClean
{
    public static void CancelOrRefuse(StageContext context)
    {
        if (!File.Exists(StudyStore.PathIn(context.ArtifactsDirectory)))
        {
            return;
        }

        IReadOnlyList<StoredBatch> inFlight;
        using (var store = StudyStore.Open(context.ArtifactsDirectory))
        {
            inFlight = store.Batches.InFlight();
        }

        if (inFlight.Count == 0)
        {
            return;
        }

        var names = string.Join(", ", inFlight.Select(batch => $"{batch.BatchId ?? batch.SubmissionId} ({batch.Model}, {batch.State})"));
        if (!context.Options.CancelBatches)
        {
            throw new StudyException(Diagnostic.Error(
                DiagnosticCodes.BatchesInFlight,
                $"{inFlight.Count} batch(es) still running at the provider: {names}. Run Generate to collect them, or Clean --cancel-batches to cancel them first",
                new SourceLocation(context.StudyFile, 1, 1)));
        }

        Cancel(context, inFlight);
    }

    private static void Cancel(StageContext context, IReadOnlyList<StoredBatch> inFlight)
    {
        var models = LoadedStudy.Load(context).Config.Design.Models.ToDictionary(model => model.Id, StringComparer.Ordinal);
        var environment = context.Environment ?? ProcessEnvironment.Instance;
        foreach (var batch in inFlight.Where(batch => batch.BatchId is not null))
        {
            var model = models.GetValueOrDefault(batch.Model)
                ?? throw new StudyException(Diagnostic.Error(
                    DiagnosticCodes.BatchesInFlight,
                    $"batch {batch.BatchId} is for {batch.Model}, which study.yaml no longer lists, so its provider address is unknown: add the model back to cancel it, or cancel it at the provider",
                    new SourceLocation(context.StudyFile, 1, 1)));
            using var api = ProviderBatchApis.For(model, environment);
            var cancelled = api.CancelAsync(batch.BatchId!, CancellationToken.None).GetAwaiter().GetResult();
            context.Reporter.Info($"batch {cancelled.Id} ({batch.Model}) cancelled at the provider ({cancelled.Status})");
        }
    }
}
