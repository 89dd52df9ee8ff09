using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages;

/// <summary>
/// Turns cells into the calls the estimator prices, rendering each prompt to measure it for its model. A prompt is the
/// same in every epoch, so each condition × item is rendered and counted once however many epochs ask for it.
/// </summary>
internal sealed class PendingCalls
{
    private readonly LoadedStudy _study;
    private readonly IReadOnlyDictionary<string, Item> _items;
    private readonly IReadOnlyDictionary<string, double> _charsPerToken;
    private readonly Dictionary<(string Condition, string Item), PendingCall> _measured = [];

    /// <param name="charsPerToken">Calibrated characters per token by condition, for models without a public tokenizer.</param>
    public PendingCalls(LoadedStudy study, IReadOnlyDictionary<string, Item> items, IReadOnlyDictionary<string, double>? charsPerToken = null)
    {
        _study = study;
        _items = items;
        _charsPerToken = charsPerToken ?? new Dictionary<string, double>();
    }

    public IReadOnlyList<PendingCall> Of(IEnumerable<Cell> cells) => Of(cells.Select(cell => (cell.ConditionId, cell.ItemUid)));

    /// <summary>Each cell with its call (cells of an unknown condition or item are left out): what judges will read.</summary>
    public IReadOnlyList<(Cell Cell, PendingCall Call)> WithCells(IEnumerable<Cell> cells) =>
        cells.Select(cell => (Cell: cell, Call: Measure(cell.ConditionId, cell.ItemUid))).Where(pair => pair.Call is not null).Select(pair => (pair.Cell, pair.Call!)).ToList();

    public IReadOnlyList<PendingCall> Of(IEnumerable<(string ConditionId, string ItemUid)> cells)
    {
        var calls = new List<PendingCall>();
        foreach (var (conditionId, itemUid) in cells)
        {
            if (Measure(conditionId, itemUid) is { } call)
            {
                calls.Add(call);
            }
        }

        return calls;
    }

    /// <summary>Every cell of the grid, done or not, whatever the run policy: what the whole study costs.</summary>
    public IReadOnlyList<PendingCall> Grid(StudyStore store) =>
        Of(store.Connection.Query("SELECT condition_id, item_uid FROM cells", reader => (reader.GetString(0), reader.GetString(1))));

    private PendingCall? Measure(string conditionId, string itemUid)
    {
        if (_measured.TryGetValue((conditionId, itemUid), out var known))
        {
            return known;
        }

        if (!_study.ConditionsById.TryGetValue(conditionId, out var condition) || !_items.TryGetValue(itemUid, out var item))
        {
            return null;
        }

        var messages = TemplateRenderer.Render(condition.Template, item);
        var style = TypicalAnswer.StyleOf(string.Join("\n", messages.Select(message => message.Content)));
        var charsPerToken = _charsPerToken.GetValueOrDefault(conditionId, TokenEstimator.DefaultCharsPerToken);
        var tokens = messages.Sum(message => TokenEstimator.Count(condition.Model.Id, message.Content, charsPerToken));
        var call = new PendingCall(condition.Id, condition.Model.Id, messages.Sum(message => message.Content.Length), condition.Lane.Parameters, style, tokens);
        _measured[(conditionId, itemUid)] = call;
        return call;
    }
}
