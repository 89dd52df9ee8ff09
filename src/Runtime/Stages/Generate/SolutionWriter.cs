using System.Threading.Channels;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages.Generate;

/// <summary>
/// The one writer of a Generate run: stores results as they arrive, in bulk transactions of at most
/// <see cref="WriteBatches.MaxRows"/> results, together with the ledger entries of every attempt the provider may have
/// billed — so a crash loses at most the batch being written. Its queue is bounded: fast models wait for the store
/// rather than piling results up in memory.
/// </summary>
internal sealed class SolutionWriter
{
    private readonly Channel<SolutionRecord> _results = WriteBatches.CreateQueue<SolutionRecord>();
    private readonly StageRun _run;
    private readonly LedgerSink _ledger;
    private readonly Action<SolutionRecord> _counted;
    private readonly Action _written;
    private readonly Task _loop;

    public SolutionWriter(StageRun run, LedgerSink ledger, Action<SolutionRecord> counted, Action written)
    {
        _run = run;
        _ledger = ledger;
        _counted = counted;
        _written = written;
        _loop = Task.Run(WriteAllAsync, CancellationToken.None);
    }

    public ValueTask AddAsync(SolutionRecord record) => _results.Writer.WriteAsync(record, CancellationToken.None);

    /// <summary>Writes one record now (verify-first), outside the batching loop.</summary>
    public void WriteNow(SolutionRecord record) => Write([record]);

    /// <summary>
    /// Writes a batch's results now, each answer booked as <paramref name="ledgerKind"/> in the same transaction
    /// (<see cref="SolutionRepository.SaveBatchAnswers"/>), together with <paramref name="alsoInTransaction"/>: a crash
    /// keeps all of it or none, so a result is never booked twice.
    /// </summary>
    /// <param name="cellsAreNew">None of the cells has a row yet: stored with a plain insert.</param>
    public void WriteBatchAnswers(IReadOnlyList<SolutionRecord> records, string ledgerKind, bool cellsAreNew, Action<StudyStore>? alsoInTransaction) =>
        Write(records, alsoInTransaction: alsoInTransaction, save: store => store.Solutions.SaveBatchAnswers(records, ledgerKind, cellsAreNew));

    /// <summary>Stores everything still queued, including ledger entries of attempts whose cell was not stored.</summary>
    public async Task CompleteAsync()
    {
        _results.Writer.TryComplete();
        await _loop;
        Write([]);
    }

    private async Task WriteAllAsync()
    {
        var reader = _results.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            Write(await WriteBatches.CollectAsync(reader));
        }
    }

    /// <param name="save">Stores <paramref name="batch"/>; <see cref="SolutionRepository.SaveAll"/> unless given.</param>
    private void Write(IReadOnlyList<SolutionRecord> batch, Action<StudyStore>? alsoInTransaction = null, Action<StudyStore>? save = null)
    {
        var ledger = _ledger.Drain();
        if (batch.Count == 0 && ledger.Count == 0 && alsoInTransaction is null)
        {
            return;
        }

        lock (_run)
        {
            _run.Store.InTransaction(() =>
            {
                (save ?? (store => store.Solutions.SaveAll(batch)))(_run.Store);
                _run.Store.Ledger.AddAll(ledger);
                alsoInTransaction?.Invoke(_run.Store);
            });

            // For Status in another process, which cannot open the store while this run holds it (the publisher spaces
            // snapshots by their cost, so a batch collection's back-to-back transactions do not publish each time).
            _run.Progress.PublishIfDue(_run.Store);
        }

        foreach (var record in batch)
        {
            _counted(record);
        }

        _written();
    }
}
