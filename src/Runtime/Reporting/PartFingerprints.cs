using DuckDB.NET.Data;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting;

/// <summary>
/// One fingerprint per condition of the design, of every store row its exported parts (long, solutions, gradings) are
/// made from: Export rewrites a condition's parts exactly when its fingerprint changed. Order-free aggregates
/// (count and xor of 64-bit hashes) per condition, with no sort and no join but one: gradings and plan rows carry no
/// condition, so they reach theirs through their solution's <c>cell_key</c> (solutions are never deleted, and a plan
/// row or a grading exists only for a stored solution), joined on the key's 64-bit hash rather than the 64-character
/// string (0.07–0.09 s → 0.04–0.06 s warm at 100,000 cells): a collision could only count a row for a second condition
/// too, which rewrites a part more, never keeps one wrongly. Each hashed row includes what changes whenever the row is
/// written — <c>run_id</c> and <c>created_at</c> (the writing transaction's <c>now()</c>), a solution's attempt count,
/// a grading's status, score and error — so a regenerated cell, a redone grading or a judge's verdict changes its
/// condition's fingerprint. What every condition's rows are made from (the graders, the items, the export's own SQL
/// and the tool's version) is hashed into each. The aggregates over-include (a condition's solutions of an earlier
/// template, its gradings outside the plan): at worst a part is rewritten that did not need it, never kept wrongly.
/// Cost at 100,000 cells: 0.3–0.45 s of CPU in a fresh process (the first reads of those key columns, which the tables'
/// queries then find in memory), 0.11–0.15 s warm; ~2.2 s at 1,000,000 (docs/BENCHMARKS.md, "Export in proportion").
/// </summary>
internal static class PartFingerprints
{
    private const string Query = """
        WITH everywhere AS (
            SELECT hash((SELECT count(*) FROM graders), (SELECT bit_xor(hash(grader, grader_type, scheme, options::VARCHAR, grader_key)) FROM graders),
                        (SELECT count(*) FROM items), (SELECT bit_xor(hash(item_uid, dataset, item_id, scheme)) FROM items)) AS h),
        condition_rows AS (
            SELECT condition_id, hash(model, lane, template, template_hash, parameters::VARCHAR) AS h FROM conditions),
        cell_rows AS (
            SELECT condition_id, count(*) AS n, bit_xor(hash(cell_key, item_uid, epoch)) AS x FROM cells GROUP BY condition_id),
        solution_rows AS (
            SELECT condition_id, count(*) AS n, bit_xor(hash(cell_key, run_id, created_at, attempts, status)) AS x
            FROM solutions GROUP BY condition_id),
        grading_rows AS (
            SELECT s.condition_id, count(*) AS n, bit_xor(r.h) AS x
            FROM (SELECT cell_key, hash('plan', cell_key, grader, grading_key) AS h FROM grading_plan
                  UNION ALL
                  SELECT cell_key, hash('grading', grading_key, run_id, created_at, status, score, error) FROM gradings) r
            JOIN (SELECT condition_id, hash(cell_key) AS k FROM solutions) s ON s.k = hash(r.cell_key)
            GROUP BY s.condition_id),
        pair_rows AS (
            SELECT condition_id, count(*) AS n, bit_xor(h) AS x
            FROM (SELECT unnest([first_condition, second_condition]) AS condition_id,
                         hash(grading_key, grader, item_uid, epoch, first_condition, second_condition) AS h
                  FROM pairwise_plan)
            GROUP BY condition_id)
        SELECT c.condition_id,
               concat_ws(':', e.h, d.h, c.n, c.x, coalesce(s.n, 0), coalesce(s.x, 0), coalesce(g.n, 0), coalesce(g.x, 0),
                         coalesce(p.n, 0), coalesce(p.x, 0))
        FROM cell_rows c
        JOIN condition_rows d ON d.condition_id = c.condition_id
        CROSS JOIN everywhere e
        LEFT JOIN solution_rows s ON s.condition_id = c.condition_id
        LEFT JOIN grading_rows g ON g.condition_id = c.condition_id
        LEFT JOIN pair_rows p ON p.condition_id = c.condition_id
        """;

    /// <summary>
    /// The conditions <see cref="Read"/> keys its fingerprints by (those with cells and a <c>conditions</c> row), without
    /// hashing anything: for an Export that rewrites every part and reads the fingerprints later (<see cref="ExportParts"/>).
    /// </summary>
    public static IReadOnlyList<string> Conditions(DuckDBConnection connection) =>
        connection.Query("SELECT DISTINCT condition_id FROM cells WHERE condition_id IN (SELECT condition_id FROM conditions)", reader => reader.GetString(0)).ToList();

    /// <summary>Condition id → fingerprint, for every condition with cells (the conditions the tables have rows of).</summary>
    public static IReadOnlyDictionary<string, string> Read(DuckDBConnection connection, string exportFormat) =>
        connection.Query(Query, reader => (Id: reader.GetString(0), Fingerprint: reader.GetString(1)))
            .ToDictionary(row => row.Id, row => exportFormat + ":" + row.Fingerprint, StringComparer.Ordinal);
}
