using System.Threading.Channels;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages.Grade;

/// <summary>
/// The one writer of a Grade run: graders finish side by side, and this stores their gradings as they arrive, in short
/// transactions, so a cancelled or crashed Grade keeps everything graded before it stopped. A judge batch's collection
/// stores through it too (<see cref="WriteNow"/>), so the tallies count both.
/// </summary>
internal sealed class GradingWriter
{
    private readonly Channel<GradingRecord> _gradings = WriteBatches.CreateQueue<GradingRecord>();
    private readonly StageRun _run;
    private readonly Action<IReadOnlyList<GradingRecord>> _written;
    private readonly Task _loop;
    private readonly Budget.LedgerSink? _ledger;

    /// <param name="written">Called after each stored batch (tallies, progress), one call at a time.</param>
    /// <param name="ledger">The judges' ledger entries, stored with the gradings (null when no grader is a judge).</param>
    public GradingWriter(StageRun run, Action<IReadOnlyList<GradingRecord>> written, Budget.LedgerSink? ledger = null)
    {
        _run = run;
        _written = written;
        _ledger = ledger;
        _loop = Task.Run(StoreAllAsync, CancellationToken.None);
    }

    public ValueTask AddAsync(GradingRecord grading) => _gradings.Writer.WriteAsync(grading, CancellationToken.None);

    /// <summary>Stores everything still queued; the store is the stage's own again afterwards.</summary>
    public async Task CompleteAsync()
    {
        _gradings.Writer.TryComplete();
        await _loop;

        // Attempts billed for gradings that were never stored (a cancelled call) still belong in the books.
        if (_ledger?.Drain() is { Count: > 0 } entries)
        {
            lock (_run)
            {
                _run.Store.InTransaction(() => _run.Store.Ledger.AddAll(entries));
            }
        }
    }

    /// <summary>
    /// Stores gradings now with ledger entries of their own (a judge batch's) in one transaction, together with
    /// <paramref name="alsoInTransaction"/>: a crash keeps all of it or none, so a judge answer is never booked twice.
    /// </summary>
    public void WriteNow(IReadOnlyList<GradingRecord> gradings, IReadOnlyList<LedgerEntry> ledger, Action<StudyStore>? alsoInTransaction) =>
        Write(gradings, ledger, alsoInTransaction);

    private async Task StoreAllAsync()
    {
        var reader = _gradings.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            Write(await WriteBatches.CollectAsync(reader), [], null);
        }
    }

    /// <remarks>Holds the run: a judge batch's collection writes from another thread on the same connection.</remarks>
    private void Write(IReadOnlyList<GradingRecord> gradings, IReadOnlyList<LedgerEntry> ownLedger, Action<StudyStore>? alsoInTransaction)
    {
        var entries = ownLedger.Count == 0 ? _ledger?.Drain() ?? [] : [.. _ledger?.Drain() ?? [], .. ownLedger];
        lock (_run)
        {
            _run.Store.InTransaction(() =>
            {
                _run.Store.Gradings.SaveAll(gradings);
                if (entries.Count > 0)
                {
                    _run.Store.Ledger.AddAll(entries);
                }

                alsoInTransaction?.Invoke(_run.Store);
            });

            // For Status in another process, which cannot open the store while this run holds it.
            _run.Progress.PublishIfDue(_run.Store);

            // Inside the lock: the tallies are counted from both writing threads.
            _written(gradings);
        }
    }
}
