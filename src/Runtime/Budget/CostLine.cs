namespace ItemEval.Runtime.Budget;

/// <summary>The estimate for one condition.</summary>
public sealed record CostLine(string ConditionId, string Model, int Calls, long InputTokens, long OutputTokens, decimal Usd, bool PriceKnown);
