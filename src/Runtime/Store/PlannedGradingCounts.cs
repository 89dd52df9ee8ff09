namespace ItemEval.Runtime.Store;

/// <summary>
/// One grader's planned gradings and what the stored gradings of their keys say: done, missing (never graded),
/// parse failures, errors, their cost, and how many stored ones have no cost (an unpriced judge model).
/// </summary>
public sealed record PlannedGradingCounts(string Grader, int Planned, int Done, int Missing, int ParseFailures, int Errors, decimal Usd, int Unpriced)
{
    public static PlannedGradingCounts None(string grader) => new(grader, 0, 0, 0, 0, 0, 0m, 0);

    /// <summary>The counts of this grader's rows and <paramref name="other"/>'s (more rows of the same grader).</summary>
    public PlannedGradingCounts Plus(PlannedGradingCounts other) =>
        new(Grader, Planned + other.Planned, Done + other.Done, Missing + other.Missing, ParseFailures + other.ParseFailures, Errors + other.Errors,
            Usd + other.Usd, Unpriced + other.Unpriced);
}
