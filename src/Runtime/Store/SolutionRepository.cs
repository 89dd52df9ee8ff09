using System.Globalization;
using DuckDB.NET.Data;
using ItemEval.Runtime.Design;

namespace ItemEval.Runtime.Store;

/// <summary>Generated outputs keyed by cell key, and the resume predicate over them.</summary>
public sealed class SolutionRepository
{
    // The staged columns as the solutions table orders them; a new row's attempt is its first.
    private const string NewRows = """
        SELECT cell_key, condition_id, item_uid, epoch, model, status, output, error, finish_reason, requested_parameters,
            effective_parameters, input_tokens, output_tokens, reasoning_tokens, cache_read_tokens, cache_write_tokens, usd,
            latency_ms, provider_request_id, 1, retries, cache_hit, run_id, now(), transcript, batch_id
        FROM solution_batch
        """;

    // How many staged cells already have a row: usually none (a run stores pending cells, most of which never ran).
    private const string CountExisting = "SELECT count(*) FROM solution_batch b SEMI JOIN solutions s ON s.cell_key = b.cell_key";

    private const string InsertAll = $"INSERT INTO solutions {NewRows}";

    private const string InsertMissing = $"INSERT INTO solutions {NewRows} WHERE cell_key NOT IN (SELECT cell_key FROM solutions)";

    // A repeated attempt (an errored cell retried, or a rerun of an empty one) replaces the row and counts the attempt.
    private const string UpdateExisting = """
        UPDATE solutions SET
            status = b.status, output = b.output, error = b.error, finish_reason = b.finish_reason,
            requested_parameters = b.requested_parameters, effective_parameters = b.effective_parameters,
            input_tokens = b.input_tokens, output_tokens = b.output_tokens, reasoning_tokens = b.reasoning_tokens,
            cache_read_tokens = b.cache_read_tokens, cache_write_tokens = b.cache_write_tokens, usd = b.usd,
            latency_ms = b.latency_ms, provider_request_id = b.provider_request_id, attempts = solutions.attempts + 1,
            retries = solutions.retries + b.retries, cache_hit = b.cache_hit, run_id = b.run_id, created_at = now(),
            transcript = b.transcript, batch_id = b.batch_id
        FROM solution_batch b WHERE solutions.cell_key = b.cell_key
        """;

    // A batch's answers (done or empty: an errored request was not billed) booked from the staged rows, with the figures
    // the collector used to book one by one: the tokens billed (output with reasoning) and the batch-rate cost. Ids as
    // Guid.NewGuid().ToString("N") made them: 32 lowercase hex digits.
    private const string BookAnswers = """
        INSERT INTO ledger (entry_id, run_id, kind, cell_key, model, input_tokens, output_tokens, usd, recorded_at, unconfirmed, cache_hit, batch)
        SELECT replace(CAST(uuid() AS VARCHAR), '-', ''), run_id, $kind, cell_key, model, input_tokens, output_tokens + reasoning_tokens, usd,
            now(), false, false, true
        FROM solution_batch WHERE status <> 'error'
        """;

    // The resume predicate, shared by the list and the count.
    private const string PendingCells = """
        FROM cells c LEFT JOIN solutions s ON s.cell_key = c.cell_key
        WHERE s.cell_key IS NULL OR s.status = 'error' OR (s.status = 'empty' AND $rerun_empty)
        """;

    private static readonly StagingTable Staging = new(
        "solution_batch",
        """
        cell_key VARCHAR, condition_id VARCHAR, item_uid VARCHAR, epoch INTEGER, model VARCHAR, status VARCHAR,
        output VARCHAR, error VARCHAR, finish_reason VARCHAR, requested_parameters VARCHAR, effective_parameters VARCHAR,
        input_tokens INTEGER, output_tokens INTEGER, reasoning_tokens INTEGER, cache_read_tokens INTEGER,
        cache_write_tokens INTEGER, usd DECIMAL(18,6), latency_ms DOUBLE, provider_request_id VARCHAR, retries INTEGER,
        cache_hit BOOLEAN, run_id VARCHAR, transcript VARCHAR, batch_id VARCHAR
        """);

    private readonly DuckDBConnection _connection;

    internal SolutionRepository(DuckDBConnection connection) => _connection = connection;

    /// <summary>
    /// The resume predicate: a cell of the current grid runs when it has no solution or its solution is an error.
    /// A done cell never runs again, whatever happened to the run that made it; an empty one only with
    /// <paramref name="rerunEmpty"/> (study.yaml <c>on_empty: rerun</c>).
    /// </summary>
    public IReadOnlyList<Cell> Pending(bool rerunEmpty = false) =>
        _connection.Query(
                $"""
                SELECT c.condition_id, c.item_uid, c.epoch, c.cell_key {PendingCells}
                ORDER BY c.epoch, c.condition_id, c.item_uid
                """,
                reader => new Cell(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3)),
                ("rerun_empty", rerunEmpty))
            .ToList();

    /// <summary>
    /// The cells <see cref="Pending"/> would return, counted per condition and item (their epochs send the same prompt):
    /// what the estimate prices when it needs no cell one by one.
    /// </summary>
    public IReadOnlyList<(string ConditionId, string ItemUid, int Cells)> PendingPerItem(bool rerunEmpty = false) =>
        _connection.Query(
                $"SELECT c.condition_id, c.item_uid, CAST(count(*) AS INTEGER) {PendingCells} GROUP BY c.condition_id, c.item_uid",
                reader => (reader.GetString(0), reader.GetString(1), reader.GetInt32(2)),
                ("rerun_empty", rerunEmpty))
            .ToList();

    /// <summary>How many cells <see cref="Pending"/> would return, counted in the store.</summary>
    public long PendingCount(bool rerunEmpty = false) =>
        Convert.ToInt64(_connection.Scalar($"SELECT count(*) {PendingCells}", ("rerun_empty", rerunEmpty)), CultureInfo.InvariantCulture);

    /// <summary>Stores a result; a repeated attempt on an errored cell replaces it and counts the attempt.</summary>
    public void Save(SolutionRecord record) => SaveAll([record]);

    /// <summary>
    /// Stores a batch in bulk (see <see cref="StagingTable"/>); a repeated attempt on an errored cell replaces it and
    /// counts the attempt. One statement cannot update a row twice, so a cell that comes twice in a batch is stored in
    /// a second pass, in arrival order.
    /// </summary>
    /// <remarks>
    /// Not <c>INSERT … ON CONFLICT DO UPDATE</c>: in DuckDB that costs about twice a plain insert per row even when
    /// nothing conflicts (docs/BENCHMARKS.md, batches). The staged cells that have a row are counted first (one semi-join);
    /// when none do — the usual case — the batch is one plain insert, else those rows are updated and the rest inserted.
    /// </remarks>
    public void SaveAll(IReadOnlyList<SolutionRecord> records) => SaveAll(records, cellsAreNew: false);

    /// <summary>As <see cref="SaveAll(IReadOnlyList{SolutionRecord})"/>, for a writer that knows none of the cells has a row.</summary>
    /// <param name="cellsAreNew">
    /// None of the cells has a row: one plain insert, without counting the staged cells that have one — a join against
    /// the whole table at every transaction (20 of them over 120,000 rows in the 100,000-cell template edit). A cell that
    /// comes twice is still stored in a second pass, as an update.
    /// </param>
    public void SaveAll(IReadOnlyList<SolutionRecord> records, bool cellsAreNew)
    {
        var plain = cellsAreNew;
        foreach (var pass in InPasses(records))
        {
            var insertOnly = plain;
            Staging.Write(_connection, pass, Append, staged => insertOnly ? staged.Execute(InsertAll) : Store(staged));
            plain = false;
        }
    }

    /// <summary>
    /// The cells whose row is not done (errored, or empty): of the cells that have a row, the only ones a run may store
    /// again, since a done cell is never pending. A writer that stores a cell outside this set, and not stored by itself
    /// before, inserts it without looking for its row (<see cref="SaveAll(IReadOnlyList{SolutionRecord}, bool)"/>).
    /// Reads the status column of every row and the keys of the few not done.
    /// </summary>
    public IReadOnlySet<string> KeysNotDone() =>
        _connection.Query("SELECT cell_key FROM solutions WHERE status <> 'done'", reader => reader.GetString(0)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Stores a batch's results as <see cref="SaveAll"/> does and books each answer (done or empty) in the ledger as
    /// <paramref name="ledgerKind"/>, at the batch rate the row's <c>usd</c> already holds: derived in SQL from the same
    /// staged rows, so no ledger entry is built, appended and staged apart (that was a third of the store's work per row,
    /// docs/BENCHMARKS.md, batches, stop 18). The caller holds the transaction that keeps both.
    /// </summary>
    /// <param name="cellsAreNew">
    /// None of the cells has a row: one plain insert, without counting the staged cells that have one — a join against
    /// the whole table at every transaction. A cell that comes twice is still stored in a second pass, as an update.
    /// </param>
    public void SaveBatchAnswers(IReadOnlyList<SolutionRecord> records, string ledgerKind, bool cellsAreNew)
    {
        var plain = cellsAreNew;
        foreach (var pass in InPasses(records))
        {
            var insertOnly = plain;
            Staging.Write(_connection, pass, Append, staged => (insertOnly ? staged.Execute(InsertAll) : Store(staged)) + staged.Execute(BookAnswers, ("kind", ledgerKind)));
            plain = false;
        }
    }

    /// <summary>Outputs ready to grade: done or empty solutions of the current grid.</summary>
    public IReadOnlyList<GradableSolution> Gradable() =>
        _connection.Query(
                """
                SELECT s.cell_key, s.item_uid, s.status, coalesce(s.output, ''), c.condition_id, c.epoch FROM cells c
                JOIN solutions s ON s.cell_key = c.cell_key
                WHERE s.status IN ('done', 'empty') ORDER BY s.cell_key
                """,
                reader => new GradableSolution(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))
                {
                    ConditionId = reader.GetString(4),
                    Epoch = reader.Int32At(5),
                })
            .ToList();

    /// <summary>
    /// A fingerprint of the current grid's finished solutions: grading is stale exactly when it changes. An
    /// order-free aggregate of each solution's (key, status) hash, so no sort and no string of every key (0.1 s instead
    /// of 0.6-1.1 s at 125,000 cells, docs/BENCHMARKS.md); the count and two independent folds of the 64-bit hashes make
    /// an unnoticed change as unlikely as a hash collision.
    /// </summary>
    public string Fingerprint() =>
        _connection.Scalar(
            """
            SELECT CASE WHEN count(*) = 0 THEN 'none'
                        ELSE sha256(count(*) || ':' || bit_xor(hash(s.cell_key, s.status)) || ':' || sum(hash(s.cell_key, s.status)::HUGEINT)) END
            FROM cells c JOIN solutions s ON s.cell_key = c.cell_key WHERE s.status IN ('done', 'empty')
            """) as string ?? "none";

    /// <summary>
    /// Errored cells of the current grid per condition, for the end-of-run report. The errored solutions are found
    /// first (usually none) and only their conditions' cells are counted, instead of grouping the whole grid.
    /// </summary>
    public IReadOnlyList<ConditionFailures> Failures() =>
        _connection.Query(
                """
                SELECT f.condition_id, f.errors, (SELECT count(*) FROM cells a WHERE a.condition_id = f.condition_id), f.error
                FROM (SELECT c.condition_id, count(*) AS errors, min(s.error) AS error
                      FROM solutions s JOIN cells c ON c.cell_key = s.cell_key
                      WHERE s.status = 'error' GROUP BY c.condition_id) f
                ORDER BY f.condition_id
                """,
                reader => new ConditionFailures(reader.GetString(0), reader.Int32At(1), reader.Int32At(2), reader.NullableString(3) ?? ""))
            .ToList();

    /// <summary>Moves the staged rows (distinct cells) into the table: updates where a row exists, inserts the rest.</summary>
    private static int Store(DuckDBConnection connection)
    {
        var existing = Convert.ToInt64(connection.Scalar(CountExisting), CultureInfo.InvariantCulture);
        if (existing == 0)
        {
            return connection.Execute(InsertAll);
        }

        // Update first: afterwards the inserted rows would be indistinguishable from the ones that existed.
        return connection.Execute(UpdateExisting) + connection.Execute(InsertMissing);
    }

    private static IEnumerable<IReadOnlyList<SolutionRecord>> InPasses(IReadOnlyList<SolutionRecord> records)
    {
        var remaining = records;
        while (remaining.Count > 0)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var later = new List<SolutionRecord>();
            var pass = new List<SolutionRecord>(remaining.Count);
            foreach (var record in remaining)
            {
                (seen.Add(record.CellKey) ? pass : later).Add(record);
            }

            yield return pass;
            remaining = later;
        }
    }

    private static void Append(IDuckDBAppenderRow row, SolutionRecord record) =>
        row.AppendValue(record.CellKey).AppendValue(record.ConditionId).AppendValue(record.ItemUid).AppendValue(record.Epoch)
            .AppendValue(record.Model).AppendValue(record.Status).AppendValue(record.Output).AppendValue(record.Error)
            .AppendValue(record.FinishReason).AppendValue(record.RequestedParametersJson).AppendValue(record.EffectiveParametersJson)
            .AppendValue(record.Usage.InputTokens).AppendValue(record.Usage.OutputTokens).AppendValue(record.Usage.ReasoningTokens)
            .AppendValue(record.Usage.CacheReadTokens).AppendValue(record.Usage.CacheWriteTokens).AppendValue(record.Usd)
            .AppendValue(record.LatencyMs).AppendValue(record.ProviderRequestId).AppendValue(record.Retries)
            .AppendValue(record.CacheHit).AppendValue(record.RunId).AppendValue(record.Transcript).AppendValue(record.BatchId);
}
