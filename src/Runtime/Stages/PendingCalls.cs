using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages;

/// <summary>
/// Turns cells into the calls the estimator prices, rendering each prompt to measure it for its model. A prompt is the
/// same in every epoch and for every model and lane given the same template, so each template × item is rendered once,
/// and counted once per way of counting tokens (a tokenizer, or a characters-per-token ratio), however many conditions
/// and epochs ask for it.
/// </summary>
internal sealed class PendingCalls
{
    private readonly LoadedStudy _study;
    private readonly IReadOnlyDictionary<string, Item> _items;
    private readonly IReadOnlyDictionary<string, double> _charsPerToken;
    private readonly Dictionary<(string Condition, string Item), PendingCall> _measured = [];
    private readonly Dictionary<(string TemplateHash, string Item), RenderedPrompt> _rendered = [];

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
        PerItem(store.Connection.Query(
            "SELECT condition_id, item_uid, CAST(count(*) AS INTEGER) FROM cells GROUP BY condition_id, item_uid",
            reader => (reader.GetString(0), reader.GetString(1), reader.GetInt32(2))));

    /// <summary>
    /// Cells counted per condition and item (counted in the store): one call each, made <see cref="PendingCall.Times"/>
    /// times — a tenth of the rows to read and group for a study of ten epochs.
    /// </summary>
    public IReadOnlyList<PendingCall> PerItem(IEnumerable<(string ConditionId, string ItemUid, int Cells)> counts)
    {
        var calls = new List<PendingCall>();
        foreach (var (conditionId, itemUid, cells) in counts)
        {
            if (Measure(conditionId, itemUid) is { } call)
            {
                calls.Add(cells == 1 ? call : call with { Times = cells });
            }
        }

        return calls;
    }

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

        var prompt = Render(condition.Template, item);
        var charsPerToken = _charsPerToken.GetValueOrDefault(conditionId, TokenEstimator.DefaultCharsPerToken);
        var call = new PendingCall(condition.Id, condition.Model.Id, prompt.Chars, condition.Lane.Parameters, prompt.Style, Tokens(prompt, condition.Model.Id, charsPerToken));
        _measured[(conditionId, itemUid)] = call;
        return call;
    }

    /// <summary>A template filled for an item, once: conditions that differ only in model or lane send the same prompt.</summary>
    private RenderedPrompt Render(PromptTemplate template, Item item)
    {
        if (!_rendered.TryGetValue((template.ContentHash, item.Uid), out var prompt))
        {
            var messages = TemplateRenderer.Render(template, item);
            prompt = new RenderedPrompt(
                messages.Select(message => message.Content).ToList(),
                messages.Sum(message => message.Content.Length),
                TypicalAnswer.StyleOf(string.Join("\n", messages.Select(message => message.Content))),
                []);
            _rendered[(template.ContentHash, item.Uid)] = prompt;
        }

        return prompt;
    }

    /// <summary>The prompt's tokens for a model, counted once per way of counting (a tokenizer, or a characters-per-token ratio).</summary>
    private static int Tokens(RenderedPrompt prompt, string modelId, double charsPerToken)
    {
        // Models with a tokenizer share its count whatever their ratio; the others share a ratio.
        var counting = Budget.Tokens.PromptTokenizer.EncodingFor(modelId) is { } encoding ? (encoding, 0d) : ((string?)null, charsPerToken);
        if (!prompt.Tokens.TryGetValue(counting, out var tokens))
        {
            tokens = prompt.Messages.Sum(message => TokenEstimator.Count(modelId, message, charsPerToken));
            prompt.Tokens[counting] = tokens;
        }

        return tokens;
    }

    /// <param name="Tokens">Its token count by way of counting: a tokenizer's encoding, or else a characters-per-token ratio.</param>
    private sealed record RenderedPrompt(IReadOnlyList<string> Messages, int Chars, AnswerStyle Style, Dictionary<(string? Encoding, double CharsPerToken), int> Tokens);
}
