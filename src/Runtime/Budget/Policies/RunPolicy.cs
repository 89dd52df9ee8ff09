using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Budget.Policies;

/// <summary>
/// How much of the study a run covers and how it calls the models: <c>dev</c> runs the first <c>dev_items</c> of the
/// study's item order (or, with <c>dev_items_from: spread</c>, that many evenly spaced over it) without batching;
/// <c>full-interactive</c> and <c>full-batch</c> run every item. The dev items are a subset of the full run's items, so a full run reuses every cell a dev run paid for (cell keys do not depend on
/// the policy).
/// </summary>
/// <param name="ItemLimit">How many items (in the study's item order) the run covers; null for all.</param>
/// <param name="Source">Where the choice came from, said in the output (command line, study.yaml, or the default).</param>
/// <param name="SpreadItems">The limited items are evenly spaced over the item order (<c>dev_items_from: spread</c>), not its first ones.</param>
public sealed record RunPolicy(string Name, int? ItemLimit, PolicyBatch Batch, string Source, bool SpreadItems = false)
{
    public const string Dev = "dev";
    public const string FullInteractive = "full-interactive";
    public const string FullBatch = "full-batch";

    public static readonly IReadOnlyList<string> Names = [Dev, FullInteractive, FullBatch];

    /// <summary>
    /// The command line wins over <c>budget.policy</c>, which wins over the default: <c>dev</c>, except for a study whose
    /// models are all free mocks, which defaults to <c>full-interactive</c> — dev exists to limit spending, and a
    /// study that costs nothing (the offline example) should show its whole grid.
    /// </summary>
    /// <param name="commandLine"><c>--policy</c>, or null/empty when not given.</param>
    public static RunPolicy Resolve(string? commandLine, BudgetConfig budget, IEnumerable<string> modelIds)
    {
        if (!string.IsNullOrWhiteSpace(commandLine))
        {
            return Named(commandLine.Trim().ToLowerInvariant(), budget, "--policy");
        }

        if (budget.Policy is { } written)
        {
            return Named(written, budget, "budget.policy");
        }

        return modelIds.All(PriceTable.IsFree)
            ? Named(FullInteractive, budget, "the default for a study of free mock models")
            : Named(Dev, budget, "the default; set budget.policy or pass --policy full-interactive for every item");
    }

    /// <summary>One line for the output: which policy, over how many items, and why.</summary>
    public string Describe(int itemCount) => ItemLimit is { } limit && limit < itemCount
        ? SpreadItems
            ? $"policy {Name}: {limit} of {itemCount} items, evenly spaced over the item order ({Source})"
            : $"policy {Name}: the first {limit} of {itemCount} items ({Source})"
        : $"policy {Name}: all {itemCount} items ({Source})";

    /// <summary>
    /// The items a limited run covers, from the study's item order: its first ones, or evenly spaced ones (item
    /// ⌊i·n/limit⌋ for i = 0…limit−1) so a pilot of a file sorted by subject or difficulty sees all of it. Null for all.
    /// </summary>
    public IReadOnlyList<string>? ItemsOf(IReadOnlyList<string> order)
    {
        if (ItemLimit is not { } limit || limit >= order.Count)
        {
            return null;
        }

        return SpreadItems
            ? [.. Enumerable.Range(0, limit).Select(i => order[(int)((long)i * order.Count / limit)])]
            : [.. order.Take(limit)];
    }

    private static RunPolicy Named(string name, BudgetConfig budget, string source) => name switch
    {
        Dev => new RunPolicy(Dev, budget.DevItems, PolicyBatch.Off, source, budget.DevItemsFrom == BudgetConfig.DevFromSpread),
        FullInteractive => new RunPolicy(FullInteractive, null, PolicyBatch.OnlyWhereStudySaysTrue, source),
        FullBatch => new RunPolicy(FullBatch, null, PolicyBatch.Auto, source),
        _ => throw new StudyException(Diagnostic.Error(DiagnosticCodes.InvalidValue, $"unknown {source} '{name}': use {string.Join(", ", Names)}", budget.Location)),
    };
}
