using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Batches;

/// <summary>
/// Status's lines for provider batches not yet collected: id, the stage that collects it (Generate for cells, Grade for
/// judge calls), model, state as last read, counts and age.
/// </summary>
internal static class BatchesInFlightReport
{
    public static void Print(IStageReporter reporter, IReadOnlyList<StoredBatch> inFlight)
    {
        if (inFlight.Count == 0)
        {
            return;
        }

        reporter.Info($"batches in flight: {inFlight.Count} (the stage named collects them; Clean refuses until then)");
        foreach (var batch in inFlight)
        {
            var age = DateTime.UtcNow - DateTime.SpecifyKind(batch.CreatedAt, DateTimeKind.Utc);
            reporter.Info(
                $"  {batch.BatchId ?? "(not yet confirmed) " + batch.SubmissionId}  {batch.Model}  {batch.State}  " +
                $"{batch.Done}/{batch.Cells} done, {batch.Errored} errored  age {(int)age.TotalMinutes} min" +
                (batch.Stage == BatchStage.Grade ? "  judge calls (Grade collects them)" : ""));
        }
    }
}
