namespace ItemEval.Runtime.Budget;

/// <summary>The estimate for one condition: expected (typical answers) and worst case (every call at its cap).</summary>
public sealed record CostLine(
    string ConditionId,
    string Model,
    int Calls,
    long InputTokens,
    long ExpectedOutputTokens,
    long WorstCaseOutputTokens,
    decimal ExpectedUsd,
    decimal WorstCaseUsd,
    bool PriceKnown);
