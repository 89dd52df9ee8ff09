using System.Globalization;
using DuckDB.NET.Data;

namespace ItemEval.Runtime.Store;

/// <summary>
/// Provider batch jobs (<c>batches</c>) and the cells each holds (<c>batch_cells</c>). A batch is stored, with its
/// cells, before its file is uploaded; every later step updates the row, so a run killed at any moment finds it again.
/// </summary>
public sealed class BatchRepository
{
    private const string InFlightFilter = "state NOT IN ('collected', 'abandoned')";

    /// <summary>A row of a store written before batches had a stage is Generate's.</summary>
    private const string StageIs = $"coalesce(stage, '{BatchStage.Generate}') = $stage";

    private static readonly StagingTable CellStaging = new("batch_cell_batch", "submission_id VARCHAR, custom_id VARCHAR, cell_key VARCHAR");

    private readonly DuckDBConnection _connection;

    internal BatchRepository(DuckDBConnection connection) => _connection = connection;

    /// <summary>Stores a batch about to be submitted and its cells (call inside a transaction).</summary>
    public void Add(StoredBatch batch, IEnumerable<(string CustomId, string CellKey)> cells)
    {
        _connection.Execute(
            """
            INSERT INTO batches (submission_id, provider, model, input_file_id, batch_id, state, cells, worst_case_usd, created_at, updated_at, stage)
            VALUES ($submission, $provider, $model, NULL, NULL, $state, $cells, $worst, now(), now(), $stage)
            """,
            ("submission", batch.SubmissionId), ("stage", batch.Stage), ("provider", batch.Provider), ("model", batch.Model), ("state", batch.State),
            ("cells", batch.Cells), ("worst", batch.WorstCaseUsd));
        CellStaging.Write(
            _connection,
            cells,
            (row, cell) => row.AppendValue(batch.SubmissionId).AppendValue(cell.CustomId).AppendValue(cell.CellKey),
            "INSERT INTO batch_cells SELECT submission_id, custom_id, cell_key FROM batch_cell_batch");
    }

    public void SetInputFile(string submissionId, string fileId) =>
        _connection.Execute(
            "UPDATE batches SET input_file_id = $file, updated_at = now() WHERE submission_id = $submission",
            ("file", fileId), ("submission", submissionId));

    /// <summary>Records the provider's id and status, and its counts of done and failed requests.</summary>
    public void SetState(string submissionId, string? batchId, string state, int done, int errored) =>
        _connection.Execute(
            """
            UPDATE batches SET batch_id = coalesce($batch, batch_id), state = $state, done = $done, errored = $errored, updated_at = now()
            WHERE submission_id = $submission
            """,
            ("batch", batchId), ("state", state), ("done", done), ("errored", errored), ("submission", submissionId));

    /// <summary>Results stored: the batch holds no cell any more. Lines naming no cell of it, or one twice, are counted.</summary>
    public void SetCollected(string submissionId, int strayLines, string? error) =>
        _connection.Execute(
            "UPDATE batches SET state = 'collected', stray_lines = stray_lines + $stray, error = $error, updated_at = now() WHERE submission_id = $submission",
            ("stray", strayLines), ("error", error), ("submission", submissionId));

    public void SetAbandoned(string submissionId, string reason) =>
        _connection.Execute(
            "UPDATE batches SET state = 'abandoned', error = $reason, updated_at = now() WHERE submission_id = $submission",
            ("reason", reason), ("submission", submissionId));

    /// <summary>
    /// Batches not yet collected (nor abandoned), oldest first; all models when <paramref name="model"/> is null, all
    /// stages when <paramref name="stage"/> is.
    /// </summary>
    public IReadOnlyList<StoredBatch> InFlight(string? model = null, string? stage = null) =>
        _connection.Query(
                $"""
                SELECT submission_id, provider, model, input_file_id, batch_id, state, cells, worst_case_usd, done, errored, created_at,
                    coalesce(stage, '{BatchStage.Generate}')
                FROM batches WHERE {InFlightFilter} AND ($model IS NULL OR model = $model) AND ($stage IS NULL OR {StageIs})
                ORDER BY created_at, submission_id
                """,
                reader => new StoredBatch(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.NullableString(3), reader.NullableString(4),
                    reader.GetString(5), reader.Int32At(6), reader.DecimalAt(7), reader.Int32At(8), reader.Int32At(9), reader.GetDateTime(10))
                {
                    Stage = reader.GetString(11),
                },
                ("model", model), ("stage", stage))
            .ToList();

    /// <summary>The provider batch ids the study's submissions hold (none may be adopted by another submission).</summary>
    public IReadOnlySet<string> ProviderIds() =>
        _connection.Query("SELECT batch_id FROM batches WHERE batch_id IS NOT NULL", reader => reader.GetString(0)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Keys held by the stage's batches in flight (cell keys for Generate, grading keys for Grade): none of them may be
    /// sent again, in a batch or interactively.
    /// </summary>
    public IReadOnlySet<string> CellsInFlight(string stage = BatchStage.Generate) =>
        _connection.Query(
                $"SELECT cell_key FROM batch_cells WHERE submission_id IN (SELECT submission_id FROM batches WHERE {InFlightFilter} AND {StageIs})",
                reader => reader.GetString(0),
                ("stage", stage))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>custom_id → cell key of one batch.</summary>
    public IReadOnlyDictionary<string, string> Cells(string submissionId) =>
        _connection.Query(
                "SELECT custom_id, cell_key FROM batch_cells WHERE submission_id = $submission",
                reader => (reader.GetString(0), reader.GetString(1)),
                ("submission", submissionId))
            .ToDictionary(pair => pair.Item1, pair => pair.Item2, StringComparer.Ordinal);

    /// <summary>Cells whose result from this batch is already stored (a collection cut short): never stored or paid twice.</summary>
    public IReadOnlySet<string> SolutionsFrom(string submissionId) =>
        _connection.Query("SELECT cell_key FROM solutions WHERE batch_id = $submission", reader => reader.GetString(0), ("submission", submissionId))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether any cell of the submission has a solution not stored from it (an earlier attempt, errored).</summary>
    public bool AnyCellStoredElsewhere(string submissionId) =>
        Convert.ToInt64(
            _connection.Scalar(
                """
                SELECT count(*) FROM batch_cells b JOIN solutions s ON s.cell_key = b.cell_key
                WHERE b.submission_id = $submission AND s.batch_id IS DISTINCT FROM $submission
                """,
                ("submission", submissionId)),
            CultureInfo.InvariantCulture) > 0;

    /// <summary>Gradings whose judge answer from this batch is already stored: never stored or paid twice.</summary>
    public IReadOnlySet<string> GradingsFrom(string submissionId) =>
        _connection.Query("SELECT grading_key FROM gradings WHERE batch_id = $submission", reader => reader.GetString(0), ("submission", submissionId))
            .ToHashSet(StringComparer.Ordinal);
}
