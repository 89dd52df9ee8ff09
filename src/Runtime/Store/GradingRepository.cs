using DuckDB.NET.Data;

namespace ItemEval.Runtime.Store;

/// <summary>Grades keyed by grading key (solution key × grader × its configuration).</summary>
public sealed class GradingRepository
{
    private static readonly StagingTable Staging = new(
        "grading_batch",
        """
        grading_key VARCHAR, cell_key VARCHAR, grader VARCHAR, grader_type VARCHAR, status VARCHAR, score DOUBLE,
        passed BOOLEAN, extracted VARCHAR, detail VARCHAR, error VARCHAR, usd DECIMAL(18,6), input_tokens INTEGER,
        output_tokens INTEGER, transcript VARCHAR, run_id VARCHAR, verdict_code VARCHAR, raw_text VARCHAR,
        cache_read_tokens INTEGER, cache_write_tokens INTEGER, second_cell_key VARCHAR, batch_id VARCHAR
        """);

    private readonly DuckDBConnection _connection;

    internal GradingRepository(DuckDBConnection connection) => _connection = connection;

    /// <summary>Keys of gradings that need no new attempt: every stored one but the errored (those run again).</summary>
    public IReadOnlySet<string> FinishedKeys() =>
        _connection.Query($"SELECT grading_key FROM gradings WHERE status IS DISTINCT FROM '{GradingStatus.Error}'", reader => reader.GetString(0))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Stores a batch set-based: appended to a scratch table, then moved in two statements. Row-by-row INSERTs cost
    /// milliseconds each, which would make storing, not grading, the cost of a Grade. A grading stored again under its
    /// key (an errored one retried) replaces the stored one: the table has no primary key to do it (Store/UnkeyedTables),
    /// so the batch's keys are deleted first (unless no record may replace one, <see cref="GradingRecord.ReplacesStored"/>),
    /// and a key twice in one batch is stored once, as its last grading.
    /// </summary>
    public void SaveAll(IReadOnlyList<GradingRecord> records) =>
        Staging.Write(
            _connection,
            records,
            static (row, record) => row
                .AppendValue(record.GradingKey).AppendValue(record.CellKey).AppendValue(record.Grader).AppendValue(record.GraderType)
                .AppendValue(record.Status).AppendValue(record.Score).AppendValue(record.Passed).AppendValue(record.Extracted)
                .AppendValue(record.Detail).AppendValue(record.Error).AppendValue(record.Usd).AppendValue(record.InputTokens)
                .AppendValue(record.OutputTokens).AppendValue(record.Transcript).AppendValue(record.RunId)
                .AppendValue(record.VerdictCode).AppendValue(record.RawText).AppendValue(record.CacheReadTokens)
                .AppendValue(record.CacheWriteTokens).AppendValue(record.SecondCellKey).AppendValue(record.BatchId),
            staged =>
            {
                // The delete reads every stored grading's key; a batch of only new keys (the usual one) has none to replace.
                if (records.Any(record => record.ReplacesStored))
                {
                    staged.Execute("DELETE FROM gradings g USING grading_batch b WHERE g.grading_key = b.grading_key");
                }

                return staged.Execute(
                    """
                    INSERT INTO gradings (grading_key, cell_key, grader, grader_type, status, score, passed, extracted,
                        detail, error, usd, input_tokens, output_tokens, transcript, run_id, verdict_code, raw_text,
                        cache_read_tokens, cache_write_tokens, second_cell_key, batch_id, created_at)
                    SELECT *, now() FROM grading_batch QUALIFY row_number() OVER (PARTITION BY grading_key ORDER BY rowid DESC) = 1
                    """);
            });

    /// <summary>Errored gradings of the current plan per grader, for the end-of-run report.</summary>
    public IReadOnlyList<GraderFailures> Failures() =>
        _connection.Query(
            $"""
            SELECT g.grader, count(*), min(g.error) FROM grading_plan p JOIN gradings g ON g.grading_key = p.grading_key
            WHERE g.status = '{GradingStatus.Error}' GROUP BY g.grader ORDER BY g.grader
            """,
            reader => new GraderFailures(reader.GetString(0), reader.Int32At(1), reader.IsDBNull(2) ? "" : reader.GetString(2)))
            .ToList();

    /// <summary>
    /// A fingerprint of the current plan: exports are stale exactly when it changes. An order-free aggregate of each
    /// planned key's hash, as <see cref="SolutionRepository.Fingerprint"/> does, so no sort and no string of every key
    /// (0.25 s of CPU at 125,000 plan rows under load, docs/BENCHMARKS.md); the count and two independent folds of the
    /// 64-bit hashes make an unnoticed change as unlikely as a hash collision.
    /// </summary>
    public string Fingerprint() =>
        _connection.Scalar(
            """
            SELECT CASE WHEN count(*) = 0 THEN 'none'
                        ELSE sha256(count(*) || ':' || bit_xor(hash(grading_key)) || ':' || sum(hash(grading_key)::HUGEINT)) END
            FROM grading_plan
            """) as string ?? "none";
}
