using System.Globalization;
using DuckDB.NET.Data;

namespace ItemEval.Runtime.Store;

/// <summary>
/// The grading plan a Grade run wants (every finished solution of the grid under every per-solution grader that applies),
/// held as its difference from the stored plan: one pass joins the wanted rows with the stored ones and keeps only the rows
/// that differ (new, rekeyed by a changed grader, vanished) or are still ungraded, so an edit of a big study stages, keys,
/// reads and writes in proportion to the change, not the study. A planned row keeps its stored grading key while its
/// grader's key is unchanged; only rows new to the plan are keyed. It lives on a connection of its own, so its pending
/// gradings stream from one query while the stage's connection stores gradings; <see cref="Apply"/> then writes the
/// difference, which leaves the stored plan equal to the wanted one.
/// </summary>
public sealed class StagedGradingPlan : IDisposable
{
    private const string Delta = "plan_delta";

    private const string SameRow = "w.cell_key = p.cell_key AND w.grader = p.grader";

    // Delta rows the plan keeps (new, rekeyed or ungraded ones): the others are stored rows that vanished from it.
    private const string Planned = "NOT w.removed";

    // A planned grading runs when no stored grading stands for it: none, or an errored one (Grade's resume rule).
    private const string IsPending =
        $"NOT EXISTS (SELECT 1 FROM gradings g WHERE g.grading_key = w.grading_key AND g.status IS DISTINCT FROM '{GradingStatus.Error}')";

    /// <summary>The graders of the plan, one row per scheme each grades; <see cref="WantedRows"/> reads it.</summary>
    internal static readonly StagingTable Graders = new("plan_graders", "grader VARCHAR, grader_key VARCHAR, ordinal INTEGER, scheme VARCHAR");

    /// <summary>Grading keys computed in C# for planned rows the stored plan does not key.</summary>
    internal static readonly StagingTable Keyed = new("plan_keyed", "cell_key VARCHAR, grader VARCHAR, grading_key VARCHAR");

    /// <summary>
    /// The wanted plan's rows: each finished solution of the grid under each staged grader of its item's scheme, with
    /// the stored grading key while its grader's key is the stored one (null: the row is new or its grader changed).
    /// </summary>
    internal const string WantedRows =
        $"""
        SELECT s.cell_key, pg.grader, pg.ordinal, p.grading_key, s.item_uid, c.condition_id, c.epoch
        FROM cells c JOIN solutions s ON s.cell_key = c.cell_key
        JOIN items i ON i.item_uid = s.item_uid
        JOIN plan_graders pg ON pg.scheme IS NOT DISTINCT FROM i.scheme
        LEFT JOIN graders gr ON gr.grader = pg.grader AND gr.grader_key = pg.grader_key
        LEFT JOIN grading_plan p ON p.cell_key = s.cell_key AND p.grader = gr.grader
        WHERE s.status IN ('{SolutionStatus.Done}', '{SolutionStatus.Empty}')
        """;

    /// <summary>
    /// The wanted plan's difference from the stored one, in one pass over both: rows new to the plan (no stored row),
    /// rows whose grader's key changed (to be keyed again), stored rows still wanted but with no grading standing for them
    /// (none, or an errored one: they run again), and stored rows no longer wanted (<c>removed</c>: their solution left
    /// the grid or is no longer finished, or their grader no longer applies). Every other stored row is the wanted row
    /// as it is, graded: neither read again nor written. <c>grading_key</c> is the stored key where it stands, null
    /// where the row is to be keyed; <c>stored_key</c> is null for rows new to the plan.
    /// </summary>
    private const string DeltaRows =
        $"""
        WITH wanted AS (
            -- Each solution once: grading_plan has no key to refuse a repeated row (Store/UnkeyedTables), and cells of
            -- identical content share a cell key, so the grid is a semi-join (IN), not a join, and solutions hold one
            -- row per cell key (SolutionRepository's writer); a DISTINCT over the joined rows cost more than the join.
            SELECT s.cell_key, pg.grader, pg.ordinal, pg.grader_key
            FROM solutions s
            JOIN items i ON i.item_uid = s.item_uid
            JOIN plan_graders pg ON pg.scheme IS NOT DISTINCT FROM i.scheme
            WHERE s.status IN ('{SolutionStatus.Done}', '{SolutionStatus.Empty}') AND s.cell_key IN (SELECT cell_key FROM cells)),
        stored AS (
            -- Ungraded: no grading stands for the row (none, or an errored one); an anti-join reads gradings once, no columns carried.
            SELECT p.cell_key, p.grader, p.grading_key, gr.grader_key,
                p.grading_key NOT IN (SELECT grading_key FROM gradings WHERE status IS DISTINCT FROM '{GradingStatus.Error}') AS ungraded
            FROM grading_plan p LEFT JOIN graders gr ON gr.grader = p.grader)
        SELECT coalesce(w.cell_key, st.cell_key) AS cell_key, coalesce(w.grader, st.grader) AS grader, w.ordinal,
            CASE WHEN st.grader_key IS NOT DISTINCT FROM w.grader_key THEN st.grading_key END AS grading_key,
            st.grading_key AS stored_key, w.cell_key IS NULL AS removed
        FROM wanted w FULL OUTER JOIN stored st ON st.cell_key = w.cell_key AND st.grader = w.grader
        WHERE w.cell_key IS NULL OR st.cell_key IS NULL OR st.grader_key IS DISTINCT FROM w.grader_key OR st.ungraded
        """;

    private readonly DuckDBConnection _connection;
    private readonly IReadOnlyList<PlannedGrader> _graders;

    private StagedGradingPlan(DuckDBConnection connection, IReadOnlyList<PlannedGrader> graders, long rows)
    {
        _connection = connection;
        _graders = graders;
        Rows = rows;
    }

    /// <summary>Planned rows (solutions × the graders that apply to them).</summary>
    public long Rows { get; }

    /// <summary>
    /// Stages the plan of <paramref name="graders"/> over the stored solutions of the current grid. A row whose solution
    /// was planned before under the same grader key keeps its grading key; <paramref name="keyOf"/> (cell key, grader
    /// name → grading key) is asked only for the others.
    /// </summary>
    public static StagedGradingPlan Stage(StudyStore store, IReadOnlyList<PlannedGrader> graders, Func<string, string, string> keyOf)
    {
        // The same database as the store's (DuckDB.NET shares one instance per file), but its own transactions and temp tables.
        var connection = new DuckDBConnection(store.Connection.ConnectionString);
        try
        {
            connection.Open();
            WriteGraders(connection, graders, $"CREATE OR REPLACE TEMP TABLE {Delta} AS {DeltaRows}");

            // Only the rows new to the plan (or under a changed grader) are keyed: the change, not the study.
            var unkeyed = connection.Query($"SELECT cell_key, grader FROM {Delta} w WHERE {Planned} AND grading_key IS NULL", reader => (Cell: reader.GetString(0), Grader: reader.GetString(1)))
                .ToList();
            Keyed.Write(connection, unkeyed, (row, planned) => row.AppendValue(planned.Cell).AppendValue(planned.Grader).AppendValue(keyOf(planned.Cell, planned.Grader)),
                $"UPDATE {Delta} w SET grading_key = k.grading_key FROM {Keyed.Name} k WHERE k.cell_key = w.cell_key AND k.grader = w.grader");

            // The wanted plan's size without a copy of it: the stored rows, less the vanished, plus the new.
            var rows = Convert.ToInt64(
                connection.Scalar(
                    $"""
                    SELECT (SELECT count(*) FROM grading_plan) - count(*) FILTER (WHERE removed) + count(*) FILTER (WHERE NOT removed AND stored_key IS NULL)
                    FROM {Delta}
                    """),
                CultureInfo.InvariantCulture);
            return new StagedGradingPlan(connection, graders, rows);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Stages <paramref name="graders"/> in <see cref="Graders"/> for the statement(s) of <paramref name="read"/>.</summary>
    internal static TResult WriteGraders<TResult>(DuckDBConnection connection, IReadOnlyList<PlannedGrader> graders, Func<DuckDBConnection, TResult> read)
    {
        var rows = graders.SelectMany((grader, ordinal) => grader.Schemes.Select(scheme => (grader, ordinal, scheme)));
        return Graders.Write(connection, rows, static (row, grader) => row
            .AppendValue(grader.grader.Config.Name).AppendValue(grader.grader.Key).AppendValue(grader.ordinal).AppendValue(grader.scheme), read);
    }

    private static void WriteGraders(DuckDBConnection connection, IReadOnlyList<PlannedGrader> graders, string statement) =>
        WriteGraders(connection, graders, staged => staged.Execute(statement));

    /// <summary>The graders with at least one pending grading.</summary>
    public IReadOnlySet<string> PendingGraders() =>
        _connection.Query($"SELECT DISTINCT w.grader FROM {Delta} w WHERE {Planned} AND {IsPending}", reader => reader.GetString(0)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The pending gradings with their solutions, streamed from one query in solution order (only these solutions'
    /// outputs are read), each saying whether a grading is stored under its key (an errored one, which it replaces). Enumerate it to the end or dispose it before <see cref="Apply"/>.
    /// </summary>
    public IEnumerable<PlannedGrading> Pending()
    {
        using var command = _connection.Prepare(
            $"""
            SELECT w.grading_key, w.grader, w.cell_key, s.item_uid, s.status, coalesce(s.output, ''), s.condition_id, s.epoch,
                EXISTS (SELECT 1 FROM gradings g WHERE g.grading_key = w.grading_key) AS stored
            FROM {Delta} w JOIN solutions s ON s.cell_key = w.cell_key WHERE {Planned} AND {IsPending}
            ORDER BY w.cell_key, w.ordinal
            """);
        command.UseStreamingMode = true;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new PlannedGrading(
                reader.GetString(0),
                reader.GetString(1),
                new GradableSolution(reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5))
                {
                    ConditionId = reader.GetString(6),
                    Epoch = reader.Int32At(7),
                },
                reader.GetBoolean(8));
        }
    }

    /// <summary>
    /// Makes the stored graders and grading plan the staged ones, and the pairwise plan <paramref name="pairs"/>, in one
    /// transaction: vanished rows are deleted, rekeyed ones updated in place, new ones inserted; the others are not written.
    /// </summary>
    public PlanChange Apply(IReadOnlyList<PairwisePlanEntry> pairs)
    {
        using var transaction = _connection.BeginTransaction();
        _connection.Execute("DELETE FROM graders");
        foreach (var grader in _graders)
        {
            _connection.Execute(
                "INSERT INTO graders (grader, grader_type, scheme, options, grader_key) VALUES ($name, $type, $scheme, $options, $key)",
                ("name", grader.Config.Name), ("type", grader.Config.Type), ("scheme", grader.Config.Scheme),
                ("options", StoreJson.Write(grader.Config.Options)), ("key", grader.Key));
        }

        // Vanished rows go first and new ones last (arguments evaluate in the order written), as in DesignRepository.
        var change = new PlanChange(
            Rows,
            Removed: _connection.Execute($"DELETE FROM grading_plan p USING {Delta} w WHERE w.removed AND {SameRow}"),
            Rekeyed: _connection.Execute($"UPDATE grading_plan p SET grading_key = w.grading_key FROM {Delta} w WHERE {Planned} AND {SameRow} AND p.grading_key <> w.grading_key"),
            Added: _connection.Execute($"INSERT INTO grading_plan SELECT w.cell_key, w.grader, w.grading_key FROM {Delta} w WHERE {Planned} AND w.stored_key IS NULL"));
        new PairwiseRepository(_connection).ReplacePlan(pairs);
        transaction.Commit();
        return change;
    }

    public void Dispose() => _connection.Dispose();
}
