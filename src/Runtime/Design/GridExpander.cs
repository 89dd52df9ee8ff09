using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Hashing;

namespace ItemEval.Runtime.Design;

/// <summary>Crosses models × lanes × templates into conditions, and conditions × items × epochs into cells.</summary>
public static partial class GridExpander
{
    public static DesignGrid Expand(StudyConfig study, IReadOnlyList<PromptTemplate> templates, IReadOnlyList<Item> items)
    {
        var conditions = Conditions(study, templates);
        return new DesignGrid(conditions, Cells(conditions, items, study.Design.Epochs));
    }

    /// <summary>The conditions alone: what every stage but ExpandGrid needs, without crossing them with items.</summary>
    public static IReadOnlyList<Condition> Conditions(StudyConfig study, IReadOnlyList<PromptTemplate> templates) => (
        from model in study.Design.Models
        from lane in model.Lanes
        from template in templates
        select new Condition(ConditionId(model, lane, template), model, lane, template)).ToList();

    public static IReadOnlyList<Cell> Cells(IReadOnlyList<Condition> conditions, IReadOnlyList<Item> items, int epochs) =>
        EnumerateCells(conditions, items, epochs).ToList();

    /// <summary>The same cells, one at a time, so a big grid can be streamed into the store without being held.</summary>
    public static IEnumerable<Cell> EnumerateCells(IReadOnlyList<Condition> conditions, IReadOnlyList<Item> items, int epochs) =>
        conditions.SelectMany(condition => CellsOf(condition, items, epochs));

    /// <summary>
    /// The same cells per condition, each with its fingerprint (<see cref="ConditionGrid"/>), so the store can tell which
    /// conditions' cells changed without hashing a single cell key: a small edit to a big study costs in proportion.
    /// </summary>
    public static IReadOnlyList<ConditionGrid> Grids(IReadOnlyList<Condition> conditions, IReadOnlyList<Item> items, int epochs)
    {
        var itemSet = ItemSetHash(items);
        return conditions.Select(condition => new ConditionGrid(
                condition,
                ContentHash.OfText($"grid:{condition.Id}\n{CellKeys.Probe(condition)}\n{epochs.ToString(CultureInfo.InvariantCulture)}\n{itemSet}"),
                CellsOf(condition, items, epochs)))
            .ToList();
    }

    private static IEnumerable<Cell> CellsOf(Condition condition, IReadOnlyList<Item> items, int epochs)
    {
        var keyOf = CellKeys.ForCondition(condition);
        foreach (var item in items)
        {
            for (var epoch = 1; epoch <= epochs; epoch++)
            {
                yield return new Cell(condition.Id, item.Uid, epoch, keyOf(item, epoch));
            }
        }
    }

    /// <summary>Every item's uid and content hash, in uid order: one hash that changes when any item comes, goes or changes.</summary>
    private static string ItemSetHash(IReadOnlyList<Item> items)
    {
        var text = new StringBuilder();
        foreach (var item in items.OrderBy(item => item.Uid, StringComparer.Ordinal))
        {
            text.Append(item.Uid).Append('\0').Append(item.ContentHash).Append('\n');
        }

        return ContentHash.OfText(text.ToString());
    }

    /// <summary><c>slug-hash8</c> over names only, so editing a template's text keeps the condition's id.</summary>
    public static string ConditionId(ModelConfig model, LaneConfig lane, PromptTemplate template)
    {
        var slug = NotSlug().Replace($"{model.Id}-{lane.Name}-{template.Name}".ToLowerInvariant(), "-").Trim('-');
        return $"{slug}-{ContentHash.Short(ContentHash.Of(new ConditionName(model.Id, lane.Name, template.Name)))}";
    }

    private sealed record ConditionName(string Model, string Lane, string Template);

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();
}
