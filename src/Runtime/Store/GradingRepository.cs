using DuckDB.NET.Data;
using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Store;

/// <summary>Grades keyed by grading key (solution key × grader × its configuration).</summary>
public sealed class GradingRepository
{
    private readonly DuckDBConnection _connection;

    internal GradingRepository(DuckDBConnection connection) => _connection = connection;

    public IReadOnlySet<string> Keys() =>
        _connection.Query("SELECT grading_key FROM gradings", reader => reader.GetString(0)).ToHashSet(StringComparer.Ordinal);

    public void Save(GradingRecord record) =>
        _connection.Execute(
            """
            INSERT OR REPLACE INTO gradings VALUES ($key, $cell, $grader, $type, $score, $passed, $extracted, $detail,
                $usd, $run, now())
            """,
            ("key", record.GradingKey), ("cell", record.CellKey), ("grader", record.Grader), ("type", record.GraderType),
            ("score", record.Score), ("passed", record.Passed), ("extracted", record.Extracted), ("detail", record.Detail),
            ("usd", record.Usd), ("run", record.RunId));

    /// <summary>Records the current graders and which grading stands for each solution, replacing the old plan.</summary>
    public void ReplacePlan(IReadOnlyList<GraderConfig> graders, IReadOnlyList<GradingPlanEntry> plan)
    {
        _connection.Execute("DELETE FROM graders");
        foreach (var grader in graders)
        {
            _connection.Execute(
                "INSERT INTO graders VALUES ($name, $type, $scheme, $options)",
                ("name", grader.Name), ("type", grader.Type), ("scheme", grader.Scheme),
                ("options", StoreJson.Write(grader.Options)));
        }

        _connection.Execute("DELETE FROM grading_plan");
        using var appender = _connection.CreateAppender("grading_plan");
        foreach (var entry in plan)
        {
            appender.CreateRow().AppendValue(entry.CellKey).AppendValue(entry.Grader).AppendValue(entry.GradingKey).EndRow();
        }
    }

    /// <summary>A fingerprint of the current plan: exports are stale exactly when it changes.</summary>
    public string Fingerprint() =>
        _connection.Scalar(
            "SELECT coalesce(sha256(string_agg(grading_key, ',' ORDER BY grading_key)), 'none') FROM grading_plan") as string
        ?? "none";
}
