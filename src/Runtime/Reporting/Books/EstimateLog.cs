using System.Text.Json;
using ItemEval.Runtime.Budget;

namespace ItemEval.Runtime.Reporting.Books;

/// <summary>
/// What BudgetCheck estimated for each stage and condition each time it let a run through
/// (<c>artifacts/&lt;study&gt;/estimates.jsonl</c>, one line per condition — and per judge grader and judged condition —
/// and run), so Export can set the estimate beside what the run then cost. The estimates add up across runs: each
/// covers only the calls pending at the time (a dev pilot, then the rest). Lines written before judge lines existed
/// have no stage: they are generation.
/// </summary>
public static class EstimateLog
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public sealed record Entry(string RunId, string ConditionId, string Model, int Calls, decimal ExpectedUsd, decimal WorstCaseUsd, string? Stage = null, string? Grader = null);

    /// <summary>Where a line belongs in Export's table: the stage, the judge grader (null for generation) and the condition.</summary>
    public sealed record Key(string Stage, string? Grader, string ConditionId);

    public static string PathIn(string artifactsDirectory) => Path.Combine(artifactsDirectory, "estimates.jsonl");

    public static void Append(string artifactsDirectory, string runId, CostEstimate estimate)
    {
        var lines = estimate.Lines.Where(line => line.Calls > 0)
            .Select(line => JsonSerializer.Serialize(new Entry(runId, line.ConditionId, line.Model, line.Calls, line.ExpectedUsd, line.WorstCaseUsd, line.Stage, line.Grader), Json));
        File.AppendAllLines(PathIn(artifactsDirectory), lines);
    }

    /// <summary>The summed estimates per stage, grader and condition; empty when BudgetCheck never passed.</summary>
    public static IReadOnlyDictionary<Key, Entry> ByCondition(string artifactsDirectory)
    {
        var path = PathIn(artifactsDirectory);
        if (!File.Exists(path))
        {
            return new Dictionary<Key, Entry>();
        }

        return File.ReadLines(path)
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<Entry>(line, Json)!)
            .GroupBy(entry => new Key(entry.Stage ?? CostLine.GenerateStage, entry.Grader, entry.ConditionId))
            .ToDictionary(
                group => group.Key,
                group => group.Aggregate((sum, next) => sum with { Calls = sum.Calls + next.Calls, ExpectedUsd = sum.ExpectedUsd + next.ExpectedUsd, WorstCaseUsd = sum.WorstCaseUsd + next.WorstCaseUsd }));
    }
}
