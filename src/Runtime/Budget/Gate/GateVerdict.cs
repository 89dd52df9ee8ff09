namespace ItemEval.Runtime.Budget.Gate;

/// <summary>What the budget gate decided, in the order it checks (docs/budget.md, "The gate").</summary>
public enum GateVerdict
{
    /// <summary>Spend is under <c>confirm_above_usd</c> (or nothing costs money), or <c>--yes</c> confirmed it.</summary>
    Proceed,

    /// <summary>Ask <c>Proceed? [y/N]</c>: a person is at a terminal.</summary>
    Ask,

    /// <summary>No terminal and no <c>--yes</c>: exit 3.</summary>
    NeedsConfirmation,

    /// <summary>Spent so far plus the pending estimate is over <c>max_usd</c>: exit 4, no flag lifts it.</summary>
    OverCap,

    /// <summary>A model without a price while <c>max_usd</c> is set: an unknown cost cannot be capped (exit 4).</summary>
    Unpriced,
}
