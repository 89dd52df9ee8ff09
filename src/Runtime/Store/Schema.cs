namespace ItemEval.Runtime.Store;

/// <summary>
/// The DuckDB schema. <see cref="Version"/> is stored in <c>meta</c>; a store written by a newer ItemEval is refused
/// rather than misread. Solutions and gradings are keyed by content hashes, so rows of an earlier configuration
/// stay and are reused when the configuration comes back. <c>solutions</c> and <c>ledger</c> have no primary key (its
/// index made every write's checkpoint cost as much as the whole table, see <see cref="UnkeyedTables"/>).
/// </summary>
internal static class Schema
{
    public const int Version = 1;

    /// <remarks>
    /// <c>grading_plan</c> and <c>gradings</c> have no primary key (see <see cref="UnkeyedTables"/>): each one's writer
    /// keeps its rows unique, and the keys' indexes cost an edit's Grade more than the rest of it (docs/BENCHMARKS.md).
    /// </remarks>
    public const string Create = """
        CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
        CREATE TABLE IF NOT EXISTS runs (
            run_id VARCHAR PRIMARY KEY, target VARCHAR NOT NULL, started_at TIMESTAMP NOT NULL,
            finished_at TIMESTAMP, status VARCHAR NOT NULL, tool_version VARCHAR, calls INTEGER DEFAULT 0);
        CREATE TABLE IF NOT EXISTS items (
            item_uid VARCHAR PRIMARY KEY, dataset VARCHAR NOT NULL, item_id VARCHAR NOT NULL, input VARCHAR NOT NULL,
            target VARCHAR, choices JSON, scheme VARCHAR, metadata JSON, content_hash VARCHAR NOT NULL);
        CREATE TABLE IF NOT EXISTS conditions (
            condition_id VARCHAR PRIMARY KEY, model VARCHAR NOT NULL, lane VARCHAR NOT NULL, template VARCHAR NOT NULL,
            template_hash VARCHAR NOT NULL, parameters JSON NOT NULL);
        CREATE TABLE IF NOT EXISTS cells (
            condition_id VARCHAR NOT NULL, item_uid VARCHAR NOT NULL, epoch INTEGER NOT NULL, cell_key VARCHAR NOT NULL,
            PRIMARY KEY (condition_id, item_uid, epoch));
        CREATE TABLE IF NOT EXISTS solutions (
            cell_key VARCHAR NOT NULL, condition_id VARCHAR NOT NULL, item_uid VARCHAR NOT NULL, epoch INTEGER NOT NULL,
            model VARCHAR NOT NULL, status VARCHAR NOT NULL, output VARCHAR, error VARCHAR, finish_reason VARCHAR,
            requested_parameters JSON, effective_parameters JSON,
            input_tokens INTEGER, output_tokens INTEGER, reasoning_tokens INTEGER, cache_read_tokens INTEGER,
            cache_write_tokens INTEGER, usd DECIMAL(18,6), latency_ms DOUBLE, provider_request_id VARCHAR,
            attempts INTEGER NOT NULL, retries INTEGER NOT NULL DEFAULT 0, cache_hit BOOLEAN NOT NULL DEFAULT false,
            run_id VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL, transcript VARCHAR);
        CREATE TABLE IF NOT EXISTS gradings (
            grading_key VARCHAR NOT NULL, cell_key VARCHAR NOT NULL, grader VARCHAR NOT NULL, grader_type VARCHAR NOT NULL,
            score DOUBLE, passed BOOLEAN, extracted VARCHAR, detail VARCHAR, usd DECIMAL(18,6) DEFAULT 0,
            run_id VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL, status VARCHAR DEFAULT 'done', error VARCHAR,
            input_tokens INTEGER, output_tokens INTEGER, transcript VARCHAR);
        CREATE TABLE IF NOT EXISTS graders (
            grader VARCHAR PRIMARY KEY, grader_type VARCHAR NOT NULL, scheme VARCHAR, options JSON NOT NULL);
        CREATE TABLE IF NOT EXISTS grading_plan (
            cell_key VARCHAR NOT NULL, grader VARCHAR NOT NULL, grading_key VARCHAR NOT NULL);
        CREATE TABLE IF NOT EXISTS ledger (
            entry_id VARCHAR NOT NULL, run_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, cell_key VARCHAR,
            model VARCHAR NOT NULL, input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL,
            usd DECIMAL(18,6), recorded_at TIMESTAMP NOT NULL, unconfirmed BOOLEAN NOT NULL DEFAULT false,
            cache_hit BOOLEAN NOT NULL DEFAULT false);
        """;

    /// <summary>Columns added after version 1 shipped; idempotent, so a store of any earlier build opens.</summary>
    public const string Upgrade = """
        ALTER TABLE ledger ADD COLUMN IF NOT EXISTS unconfirmed BOOLEAN DEFAULT false;
        ALTER TABLE ledger ADD COLUMN IF NOT EXISTS cache_hit BOOLEAN DEFAULT false;
        ALTER TABLE gradings ADD COLUMN IF NOT EXISTS status VARCHAR DEFAULT 'done';
        ALTER TABLE gradings ADD COLUMN IF NOT EXISTS error VARCHAR;
        ALTER TABLE gradings ADD COLUMN IF NOT EXISTS input_tokens INTEGER;
        ALTER TABLE gradings ADD COLUMN IF NOT EXISTS output_tokens INTEGER;
        ALTER TABLE gradings ADD COLUMN IF NOT EXISTS transcript VARCHAR;
        ALTER TABLE solutions ADD COLUMN IF NOT EXISTS batch_id VARCHAR;
        CREATE TABLE IF NOT EXISTS batches (
            submission_id VARCHAR PRIMARY KEY, provider VARCHAR NOT NULL, model VARCHAR NOT NULL, input_file_id VARCHAR,
            batch_id VARCHAR, state VARCHAR NOT NULL, cells INTEGER NOT NULL, worst_case_usd DECIMAL(18,6) NOT NULL,
            done INTEGER NOT NULL DEFAULT 0, errored INTEGER NOT NULL DEFAULT 0, stray_lines INTEGER NOT NULL DEFAULT 0,
            error VARCHAR, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL);
        CREATE TABLE IF NOT EXISTS batch_cells (
            submission_id VARCHAR NOT NULL, custom_id VARCHAR NOT NULL, cell_key VARCHAR NOT NULL,
            PRIMARY KEY (submission_id, custom_id));
        ALTER TABLE gradings ADD COLUMN IF NOT EXISTS verdict_code VARCHAR;
        ALTER TABLE gradings ADD COLUMN IF NOT EXISTS raw_text VARCHAR;
        ALTER TABLE gradings ADD COLUMN IF NOT EXISTS cache_read_tokens INTEGER;
        ALTER TABLE gradings ADD COLUMN IF NOT EXISTS cache_write_tokens INTEGER;
        ALTER TABLE gradings ADD COLUMN IF NOT EXISTS second_cell_key VARCHAR;
        CREATE TABLE IF NOT EXISTS pairwise_plan (
            grading_key VARCHAR NOT NULL, grader VARCHAR NOT NULL, item_uid VARCHAR NOT NULL, epoch INTEGER NOT NULL,
            first_condition VARCHAR NOT NULL, second_condition VARCHAR NOT NULL);
        ALTER TABLE graders ADD COLUMN IF NOT EXISTS grader_key VARCHAR;
        ALTER TABLE batches ADD COLUMN IF NOT EXISTS stage VARCHAR DEFAULT 'generate';
        ALTER TABLE gradings ADD COLUMN IF NOT EXISTS batch_id VARCHAR;
        ALTER TABLE ledger ADD COLUMN IF NOT EXISTS batch BOOLEAN DEFAULT false;
        ALTER TABLE ledger ALTER COLUMN usd DROP NOT NULL;
        ALTER TABLE gradings ALTER COLUMN usd DROP NOT NULL;
        CREATE TABLE IF NOT EXISTS condition_grids (condition_id VARCHAR PRIMARY KEY, grid_hash VARCHAR NOT NULL);
        """;
}
