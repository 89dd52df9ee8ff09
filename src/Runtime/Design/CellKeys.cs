using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Hashing;

namespace ItemEval.Runtime.Design;

/// <summary>The content key of a cell: when any part changes, the cell is stale and runs again.</summary>
public static class CellKeys
{
    public static string For(Item item, Condition condition, int epoch) =>
        ContentHash.Of(new CellKeyParts(
            item.ContentHash,
            condition.Model.Id,
            Providers.TransportOptions.Without(condition.Model.Options).Select(pair => $"{pair.Key}={pair.Value}").ToList(),
            condition.Lane.Parameters,
            condition.Template.ContentHash,
            epoch));

    private sealed record CellKeyParts(string Item, string Model, List<string> Options, LaneParameters Parameters, string Template, int Epoch);
}
