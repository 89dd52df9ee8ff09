using ItemEval.Runtime.Budget.Policies;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages;

/// <summary>
/// The run policy applied to the store: which items this run covers (<c>dev</c>: the first <c>dev_items</c> in the
/// study's item order, or that many spread over it) and so which pending cells Generate runs and BudgetCheck and Estimate price. Cells outside
/// the scope stay in the grid (Status counts them as pending) and run, reusing nothing twice, under a full policy.
/// </summary>
public sealed class PolicyScope
{
    private readonly IReadOnlySet<string>? _items;

    private PolicyScope(RunPolicy policy, int itemCount, IReadOnlySet<string>? items)
    {
        Policy = policy;
        ItemCount = itemCount;
        _items = items;
    }

    public RunPolicy Policy { get; }

    /// <summary>All the study's items, in or out of scope.</summary>
    public int ItemCount { get; }

    public static PolicyScope For(StageContext context, LoadedStudy study, StudyStore store)
    {
        var policy = RunPolicy.Resolve(context.Options.Policy, study.Config.Budget, study.Config.Design.Models.Select(model => model.Id));
        var order = store.Items.UidsInStudyOrder();
        var items = policy.ItemsOf(order)?.ToHashSet(StringComparer.Ordinal);
        return new PolicyScope(policy, order.Count, items);
    }

    public bool Covers(string itemUid) => _items is null || _items.Contains(itemUid);

    /// <summary>The pending cells (missing or errored; empty ones with <c>on_empty: rerun</c>) of the items in scope.</summary>
    public IReadOnlyList<Cell> Pending(StudyStore store, bool rerunEmpty)
    {
        var pending = store.Solutions.Pending(rerunEmpty);
        return _items is null ? pending : pending.Where(cell => _items.Contains(cell.ItemUid)).ToList();
    }

    /// <summary><see cref="Pending"/> counted per condition and item, in the store, for the estimate.</summary>
    public IReadOnlyList<(string ConditionId, string ItemUid, int Cells)> PendingPerItem(StudyStore store, bool rerunEmpty)
    {
        var pending = store.Solutions.PendingPerItem(rerunEmpty);
        return _items is null ? pending : pending.Where(cell => _items.Contains(cell.ItemUid)).ToList();
    }

    public string Describe() => Policy.Describe(ItemCount);
}
