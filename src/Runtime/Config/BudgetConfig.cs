namespace ItemEval.Runtime.Config;

/// <summary>
/// The hard spending cap, price overrides (USD per million tokens) keyed by model id, and the run policy's keys
/// (docs/budget.md): which items a run covers, when to ask before spending, and where prices come from.
/// </summary>
/// <param name="Policy">dev, full-interactive or full-batch as written; null when the study leaves it to the default.</param>
/// <param name="DevItems">How many items (in the study's item order) the dev policy runs.</param>
/// <param name="ConfirmAboveUsd">A projected spend at or under this proceeds without asking.</param>
/// <param name="PricingMaxAgeDays">A fetched price catalog older than this is refreshed before it is used.</param>
/// <param name="PricingPath">A price table of the user's own (YAML), as written: relative to the study folder.</param>
/// <param name="DevItemsFrom">
/// <c>first</c>: the dev items are the first <c>dev_items</c> of the item order; <c>spread</c>: that many items evenly
/// spaced over it, so a pilot of a file sorted by subject or difficulty samples all of it.
/// </param>
public sealed record BudgetConfig(
    decimal? MaxUsd,
    IReadOnlyDictionary<string, ModelPrice> Prices,
    SourceLocation? Location,
    string? Policy = null,
    int DevItems = BudgetConfig.DefaultDevItems,
    decimal? ConfirmAboveUsd = null,
    int? PricingMaxAgeDays = null,
    string? PricingPath = null,
    string DevItemsFrom = BudgetConfig.DevFromFirst)
{
    public const int DefaultDevItems = 10;
    public const string DevFromFirst = "first";
    public const string DevFromSpread = "spread";

    public static BudgetConfig Unlimited { get; } = new(null, new Dictionary<string, ModelPrice>(), null);
}
