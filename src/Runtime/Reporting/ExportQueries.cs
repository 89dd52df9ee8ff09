namespace ItemEval.Runtime.Reporting;

/// <summary>
/// The exported tables as SQL over the store. The long table has one row per item × condition × epoch × grader of
/// the current design; a cell not (yet) generated still appears, with its status and an empty score. Each table is
/// exported as one Parquet file per condition (<see cref="PartedTable"/>), so each query takes the conditions to
/// export (null: all) and is ordered by condition first: a table's CSV is its conditions' CSV parts end to end.
/// </summary>
internal static class ExportQueries
{
    // Items are crossed with the graders that apply to them first (a few thousand rows): the scheme match is not an
    // equality DuckDB can hash, and joined to the cells directly it ran as a nested loop over every cell (about a quarter
    // of the query's CPU at 1,000,000 cells, docs/BENCHMARKS.md); the cells then join the pairs on item_uid.
    public static string Long(IReadOnlyCollection<string>? conditions = null) => $"""
        SELECT co.condition_id, co.model, co.lane, co.template, i.dataset, i.item_id, c.epoch,
               i.grader, i.grader_type, g.score, g.passed, g.extracted,
               coalesce(s.status, 'pending') AS status, s.finish_reason, s.input_tokens, s.output_tokens,
               s.reasoning_tokens, CAST(s.usd AS DOUBLE) AS usd, s.latency_ms, s.cache_hit, c.cell_key, p.grading_key
        FROM cells c
        JOIN conditions co ON co.condition_id = c.condition_id
        JOIN (SELECT it.item_uid, it.dataset, it.item_id, gr.grader, gr.grader_type FROM items it
              JOIN graders gr ON gr.scheme IS NULL OR lower(gr.scheme) = lower(it.scheme)) i ON i.item_uid = c.item_uid
        LEFT JOIN solutions s ON s.cell_key = c.cell_key AND {Of("s.condition_id", conditions)}
        LEFT JOIN grading_plan p ON p.cell_key = c.cell_key AND p.grader = i.grader
        LEFT JOIN gradings g ON g.grading_key = p.grading_key
        WHERE {Of("c.condition_id", conditions)}
        ORDER BY co.condition_id, i.dataset, i.item_id, c.epoch, i.grader
        """;

    // A solution is stored with the condition_id and item_uid of the cell it was generated for, so the cells are
    // needed only to keep the solutions of the current grid (solutions are never deleted): a semi-join, whose hash
    // table holds the cells' keys alone. Joined to the cells for their columns, DuckDB built its table from the
    // solutions, answers and transcripts included: 2.2 s against 1.85 s warm at 1,000,000 rows (docs/BENCHMARKS.md,
    // "Stop 21"). As before, a solution is exported under its own condition, only while that condition is in the
    // design; one that two conditions of identical content share is one row now, where the join made one per cell, all
    // under the solution's condition. Filtering solutions by condition lets the scan skip the other conditions'
    // solutions before the join instead of after it.
    public static string Solutions(IReadOnlyCollection<string>? conditions = null) => $"""
        SELECT s.cell_key, s.condition_id, co.model, co.lane, co.template, i.dataset, i.item_id, s.epoch, s.status,
               s.output, s.error, s.finish_reason, s.requested_parameters::VARCHAR AS requested_parameters,
               s.effective_parameters::VARCHAR AS effective_parameters, s.input_tokens, s.output_tokens,
               s.reasoning_tokens, s.cache_read_tokens, s.cache_write_tokens, CAST(s.usd AS DOUBLE) AS usd,
               s.latency_ms, s.provider_request_id, s.attempts, s.retries, s.cache_hit, s.run_id, s.created_at,
               s.transcript
        FROM solutions s
        SEMI JOIN (SELECT cell_key FROM cells WHERE {Of("condition_id", conditions)}) c ON c.cell_key = s.cell_key
        JOIN conditions co ON co.condition_id = s.condition_id
        JOIN items i ON i.item_uid = s.item_uid
        WHERE {Of("s.condition_id", conditions)}
        ORDER BY s.condition_id, i.dataset, i.item_id, s.epoch
        """;

    // A grading's condition is its solution's (a pairwise grading's: its first solution's), hence the join on cell_key,
    // on its 64-bit hash as well as the key itself: DuckDB then builds and probes its hash table on the hash first
    // (0.2–0.4 s less CPU at 1,000,000 gradings, docs/BENCHMARKS.md); the string equality keeps it exact.
    public static string Gradings(IReadOnlyCollection<string>? conditions = null) => $"""
        SELECT s.condition_id, g.grading_key, g.cell_key, g.grader, g.grader_type, g.score, g.passed, g.extracted, g.detail,
               CAST(g.usd AS DOUBLE) AS usd, g.run_id, g.created_at, g.status, g.error, g.input_tokens, g.output_tokens,
               g.transcript, g.verdict_code, g.raw_text, g.cache_read_tokens, g.cache_write_tokens, g.second_cell_key
        FROM (SELECT grading_key FROM grading_plan UNION ALL SELECT grading_key FROM pairwise_plan) p
        JOIN gradings g ON g.grading_key = p.grading_key
        JOIN (SELECT condition_id, cell_key FROM solutions) s ON hash(s.cell_key) = hash(g.cell_key) AND s.cell_key = g.cell_key
        WHERE {Of("s.condition_id", conditions)}
        ORDER BY s.condition_id, g.cell_key, g.grader
        """;

    /// <summary>The filter on <paramref name="column"/> to <paramref name="conditions"/> (null: every condition).</summary>
    private static string Of(string column, IReadOnlyCollection<string>? conditions) =>
        conditions is null ? "true"
        : conditions.Count == 0 ? "false"
        : $"{column} IN ({string.Join(", ", conditions.Select(id => "'" + id.Replace("'", "''", StringComparison.Ordinal) + "'"))})";

    /// <summary>
    /// Mean score per condition and grader with its standard error (over item × epoch rows), over <paramref name="longRows"/>, a query with the long table's columns: Export passes the long
    /// table it has just written, so the store's joins run once per export.
    /// </summary>
    public static string SummaryOf(string longRows) => $"""
        SELECT condition_id, model, lane, template, grader, count(score) AS graded, count(*) AS cells,
               round(avg(score), 4) AS mean_score,
               round(CASE WHEN count(score) > 1 THEN stddev_samp(score) / sqrt(count(score)) END, 4) AS std_error,
               -- Null (unknown) when an answered cell's model had no price.
               CASE WHEN bool_or(usd IS NULL AND status IN ('done', 'empty')) THEN NULL ELSE round(sum(coalesce(usd, 0)), 6) END AS usd
        FROM (
        {longRows}
        )
        GROUP BY ALL ORDER BY condition_id, grader
        """;
}
