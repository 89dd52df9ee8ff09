using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Hashing;

namespace ItemEval.Runtime.Design;

/// <summary>The content key of a cell: when any part changes, the cell is stale and runs again.</summary>
public static class CellKeys
{
    public static string For(Item item, Condition condition, int epoch) => ContentHash.Of(Parts(condition, item.ContentHash, epoch));

    /// <summary>
    /// The same keys as <see cref="For"/> for every cell of <paramref name="condition"/>, with the condition's part of the
    /// canonical text serialized once instead of once per cell (<see cref="CellKeyTemplate"/>).
    /// </summary>
    public static Func<Item, int, string> ForCondition(Condition condition) =>
        TemplateOf(condition) is { } template
            ? (item, epoch) => template.Key(item.ContentHash, epoch) ?? For(item, condition, epoch)
            : (item, epoch) => For(item, condition, epoch);

    /// <summary>
    /// The key a cell of <paramref name="condition"/> would have for a fixed stand-in item and epoch, hashed in full: it
    /// changes with every part of the condition the keys hash and with the way they are hashed, so it stands for all of
    /// them in the condition's grid fingerprint (<see cref="ConditionGrid"/>).
    /// </summary>
    public static string Probe(Condition condition) => ContentHash.Of(Parts(condition, "grid-probe", 0));

    /// <summary>The condition's key template, or null when its parts hold a sentinel (every key is then hashed in full).</summary>
    internal static CellKeyTemplate? TemplateOf(Condition condition) =>
        CellKeyTemplate.TryCreate(Parts(condition, CellKeyTemplate.ItemSentinel, CellKeyTemplate.EpochSentinel));

    private static CellKeyParts Parts(Condition condition, string itemHash, int epoch) => new(
        itemHash,
        condition.Model.Id,
        Providers.TransportOptions.Without(condition.Model.Options).Select(pair => $"{pair.Key}={pair.Value}").ToList(),
        condition.Lane.Parameters,
        condition.Template.ContentHash,
        epoch);

    private sealed record CellKeyParts(string Item, string Model, List<string> Options, LaneParameters Parameters, string Template, int Epoch);
}
