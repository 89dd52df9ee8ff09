namespace ItemEval.Runtime.Budget;

/// <summary>
/// No call can start without its worst case crossing <c>max_usd</c>, and no call in flight could free room. The stage
/// stops starting calls, lets the calls in flight finish and stores them, then fails with exit 4.
/// </summary>
public sealed class BudgetExhaustedException(decimal committed, decimal cap, decimal needed)
    : Exception($"stopped before the cap: ${committed:0.0000} spent (unconfirmed calls counted at their worst case), the next call could cost up to ${needed:0.0000} and budget.max_usd is ${cap:0.00##}")
{
    public decimal Committed { get; } = committed;

    public decimal Cap { get; } = cap;
}
