using DuckDB.NET.Data;

namespace ItemEval.Runtime.Store;

/// <summary>
/// Stores of earlier builds made <c>grading_plan</c> with a primary key on (cell_key, grader). Only Grade writes the
/// table, and only through <see cref="StagedGradingPlan.Apply"/>, which inserts exactly the wanted rows the stored plan
/// lacks, so the rows stay unique without it; and its index cost more than the rest of the plan in an edit's Grade
/// (DuckDB's ART index on two strings: about 0.5 s of CPU to delete and insert 20,000 rows of a 100,000-row plan, and
/// as much again to write the whole index at the checkpoint that follows). DuckDB cannot drop a primary key in place,
/// so the table is copied once without it.
/// </summary>
internal static class GradingPlanKey
{
    public static void DropFrom(DuckDBConnection connection)
    {
        var keyed = Convert.ToInt64(
            connection.Scalar("SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'grading_plan' AND constraint_type = 'PRIMARY KEY'"),
            System.Globalization.CultureInfo.InvariantCulture);
        if (keyed == 0)
        {
            return;
        }

        // One transaction: a crash leaves the keyed table as it was, and the next open copies it again.
        using var transaction = connection.BeginTransaction();
        connection.Execute("CREATE TABLE grading_plan_unkeyed AS SELECT cell_key, grader, grading_key FROM grading_plan");
        connection.Execute("DROP TABLE grading_plan");
        connection.Execute("ALTER TABLE grading_plan_unkeyed RENAME TO grading_plan");
        connection.Execute("ALTER TABLE grading_plan ALTER COLUMN cell_key SET NOT NULL");
        connection.Execute("ALTER TABLE grading_plan ALTER COLUMN grader SET NOT NULL");
        connection.Execute("ALTER TABLE grading_plan ALTER COLUMN grading_key SET NOT NULL");
        transaction.Commit();
    }
}
