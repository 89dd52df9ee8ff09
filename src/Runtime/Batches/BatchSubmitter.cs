using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Batches;

/// <summary>
/// Puts batches at the provider, persistence first: the batch row and its cells are committed before the file is
/// uploaded, the file id before the batch is created, and the batch carries our submission id in its metadata. So a run
/// killed at any step leaves a row the next run resolves: adopted from the provider's recent batches when it was
/// created there, abandoned (its cells free again) when it never was.
/// </summary>
/// <param name="stage">The stage the batches hold results for (<see cref="BatchStage"/>): it re-attaches only to its own.</param>
internal sealed class BatchSubmitter(BatchContext context, IProviderBatchApi api, ModelConfig model, string stage)
{
    /// <summary>Stores, uploads and creates one batch from a written input file; the file is deleted once the batch exists.</summary>
    public async Task<TrackedBatch> SubmitAsync(BatchFile file, SpendReservation reservation)
    {
        var submission = "sub_" + Guid.NewGuid().ToString("N");
        context.Reporter.Detail($"{stage} batch input for {model.Id} written: {file.Entries.Count} requests, {file.Bytes} bytes");
        context.Store(store => store.InTransaction(() => store.Batches.Add(
            new StoredBatch(submission, model.Provider, model.Id, null, null, "submitting", file.Entries.Count, file.WorstCaseUsd, 0, 0, DateTime.UtcNow)
            {
                Stage = stage,
            },
            file.Entries.Select(entry => (entry.CustomId, entry.Key)))));

        // Once stored, the submission finishes whatever the stop: a half-submitted batch helps nobody.
        var fileId = await api.UploadAsync(file.Path, CancellationToken.None);
        if (fileId is not null)
        {
            context.Store(store => store.Batches.SetInputFile(submission, fileId));
        }

        var metadata = new Dictionary<string, string>
        {
            [BatchMetadata.Study] = context.StudyName,
            [BatchMetadata.Submission] = submission,
        };
        var created = await api.CreateAsync(file.Path, fileId, metadata, CancellationToken.None);
        context.Store(store => store.Batches.SetState(submission, created.Id, created.Status, 0, 0));
        File.Delete(file.Path);
        context.Reporter.Info($"batch {created.Id} submitted for {model.Id}: {file.Entries.Count} requests, {file.Bytes / 1024.0 / 1024.0:0.0} MB, at most ${file.WorstCaseUsd:0.0000} at the batch rate");
        return new TrackedBatch(submission, created.Id, DateTime.UtcNow, reservation);
    }

    /// <summary>
    /// Re-attaches to the batches an earlier run left in flight. One stored without its provider id (killed between
    /// creation and storing the id) is looked for among the provider's recent batches by submission id.
    /// </summary>
    public async Task<IReadOnlyList<TrackedBatch>> ReattachAsync(CancellationToken stop)
    {
        var tracked = new List<TrackedBatch>();
        foreach (var stored in context.Store(store => store.Batches.InFlight(model.Id, stage)))
        {
            var batchId = stored.BatchId;
            if (batchId is null)
            {
                var lost = context.Store(store => new LostSubmission(
                    stored.SubmissionId, stored.Cells, DateTime.SpecifyKind(stored.CreatedAt, DateTimeKind.Utc),
                    store.Batches.Cells(stored.SubmissionId).Keys.ToHashSet(StringComparer.Ordinal), store.Batches.ProviderIds()));
                var search = await api.FindCreatedAsync(lost, stop);
                if (search.Undecided)
                {
                    // Its cells stay held (never sent twice); once the candidates end, their results tell which is ours.
                    context.Reporter.Info($"a batch of {model.Id} that an earlier run was submitting matches several of the provider's batches: left as it is until they end and their results tell");
                    continue;
                }

                if (search.Found is not { } found)
                {
                    context.Store(store => store.Batches.SetAbandoned(stored.SubmissionId, "never created at the provider (the run stopped while submitting)"));
                    context.Reporter.Info($"a batch of {model.Id} that an earlier run was submitting never reached the provider: its {stored.Cells} cells are submitted again");
                    continue;
                }

                batchId = found.Id;
                context.Store(store => store.Batches.SetState(stored.SubmissionId, found.Id, found.Status, found.Completed, found.Failed));
                context.Reporter.Info($"batch {found.Id} of {model.Id} was created by a run stopped before it stored the id: adopted, not submitted again");
            }
            else
            {
                context.Reporter.Info($"re-attached to batch {batchId} of {model.Id} ({stored.State}, {stored.Cells} requests, submitted {stored.CreatedAt:u})");
            }

            tracked.Add(new TrackedBatch(stored.SubmissionId, batchId, stored.CreatedAt, context.Reservations.Adopt(stored.WorstCaseUsd)));
        }

        return tracked;
    }
}
