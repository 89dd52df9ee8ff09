namespace ItemEval.Runtime.Budget;

/// <summary>
/// The estimate for one condition: expected (typical answers, or the condition's observed mean once it has stored
/// calls) and worst case (every call at its cap), at list price; <see cref="DiscountedUsd"/> is the expected cost with
/// the batch discount when the run policy batches. A judge line (<see cref="Stage"/> <c>judge</c>) prices one grader's
/// calls judging one condition's answers.
/// </summary>
public sealed record CostLine(
    string ConditionId,
    string Model,
    int Calls,
    long InputTokens,
    long ExpectedOutputTokens,
    long WorstCaseOutputTokens,
    decimal ExpectedUsd,
    decimal WorstCaseUsd,
    bool PriceKnown,
    decimal DiscountedUsd = 0m,
    ObservedOutput? Observed = null,
    string Stage = "generate",
    string? Grader = null)
{
    public const string GenerateStage = "generate";

    public const string JudgeStage = "judge";
}
