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
/// <remarks>
/// It remembers the last status it stored for each cell: a cell it never stored and that had no row not done when the run
/// began (<see cref="SolutionRepository.KeysNotDone"/>) has no row at all (a done cell is never pending, and this is the
/// study's one writer), so a batch of only such cells is a plain insert; and the run knows which of its pending cells are
/// finished without asking the store again.
/// </remarks>
internal sealed class SolutionWriter
{
    private readonly Channel<SolutionRecord> _results = WriteBatches.CreateQueue<SolutionRecord>();
    private readonly StageRun _run;
    private readonly LedgerSink _ledger;
    private readonly Action<SolutionRecord> _counted;
    private readonly Action _written;
    private readonly Task _loop;
    private readonly IReadOnlySet<string> _notDoneAtStart;

    // The last status stored for each cell by this run; written and read under the lock on the run.
    private readonly Dictionary<string, string> _stored = new(StringComparer.Ordinal);

    /// <param name="notDoneAtStart">The cells whose row was not done when the run began (<see cref="SolutionRepository.KeysNotDone"/>).</param>
    public SolutionWriter(StageRun run, LedgerSink ledger, IReadOnlySet<string> notDoneAtStart, Action<SolutionRecord> counted, Action written)
    {
        _run = run;
        _notDoneAtStart = notDoneAtStart;
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

    /// <summary>
    /// Whether every one of <paramref name="cells"/> now has a stored row that is not pending (done, or empty unless
    /// <paramref name="rerunEmpty"/>): given the run's pending cells, what asking the store for its pending cells again
    /// would say, since only this writer stored rows meanwhile. Call after <see cref="CompleteAsync"/>.
    /// </summary>
    public bool Finished(IEnumerable<Design.Cell> cells, bool rerunEmpty)
    {
        lock (_run)
        {
            return cells.All(cell => _stored.TryGetValue(cell.Key, out var status)
                && (status == SolutionStatus.Done || (status == SolutionStatus.Empty && !rerunEmpty)));
        }
    }

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
                (save ?? (store => store.Solutions.SaveAll(batch, cellsAreNew: batch.All(IsNew))))(_run.Store);
                _run.Store.Ledger.AddAll(ledger);
                alsoInTransaction?.Invoke(_run.Store);
            });

            // For Status in another process, which cannot open the store while this run holds it (the publisher spaces
            // snapshots by their cost, so a batch collection's back-to-back transactions do not publish each time).
            _run.Progress.PublishIfDue(_run.Store);
            foreach (var record in batch)
            {
                _stored[record.CellKey] = record.Status;
            }
        }

        foreach (var record in batch)
        {
            _counted(record);
        }

        _written();
    }

    /// <summary>The cell has no row: none when the run began that could be pending, and none stored by this run.</summary>
    private bool IsNew(SolutionRecord record) => !_notDoneAtStart.Contains(record.CellKey) && !_stored.ContainsKey(record.CellKey);
}
