using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages.Estimating;

/// <summary>
/// What the store already knows about each condition's calls, for the estimate of the rest: output tokens per call
/// (mean and 95th percentile) and, for models without a public tokenizer, the characters per prompt token their
/// provider actually billed.
/// </summary>
internal static class EstimateEvidence
{
    /// <summary>Calls per condition whose prompts are re-measured to calibrate characters per token: plenty for a ratio.</summary>
    private const int CalibrationSample = 200;

    public static IReadOnlyDictionary<string, ObservedOutput> Outputs(StudyStore store) =>
        store.Connection.Query(
                """
                SELECT condition_id, count(*), avg(coalesce(output_tokens, 0) + coalesce(reasoning_tokens, 0)),
                    quantile_cont(coalesce(output_tokens, 0) + coalesce(reasoning_tokens, 0), 0.95),
                    coalesce(stddev_samp(coalesce(output_tokens, 0) + coalesce(reasoning_tokens, 0)), 0)
                FROM solutions WHERE status = 'done' GROUP BY condition_id
                """,
                reader => (Id: reader.GetString(0), Output: new ObservedOutput(Convert.ToInt32(reader.GetValue(1)), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4))))
            .ToDictionary(row => row.Id, row => row.Output, StringComparer.Ordinal);

    /// <summary>Output tokens per judge call by grader name, from its answered gradings (a parse failure was billed too).</summary>
    public static IReadOnlyDictionary<string, ObservedOutput> JudgeOutputs(StudyStore store) =>
        store.Connection.Query(
                """
                SELECT grader, count(*), avg(output_tokens), quantile_cont(output_tokens, 0.95), coalesce(stddev_samp(output_tokens), 0)
                FROM gradings WHERE status IN ('done', 'parse_failure') AND coalesce(output_tokens, 0) > 0 GROUP BY grader
                """,
                reader => (Grader: reader.GetString(0), Output: new ObservedOutput(Convert.ToInt32(reader.GetValue(1)), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4))))
            .ToDictionary(row => row.Grader, row => row.Output, StringComparer.Ordinal);

    /// <summary>Characters per billed prompt token by condition id, for conditions whose model has no public tokenizer.</summary>
    public static IReadOnlyDictionary<string, double> CharsPerToken(LoadedStudy study, StudyStore store, IReadOnlyDictionary<string, Datasets.Item> items)
    {
        // Only priced models without a public tokenizer are calibrated: the sample is read for their conditions alone, and
        // not at all when there are none (the window below sorts every done solution of the conditions it reads).
        var calibrated = study.Conditions
            .Where(condition => Budget.Tokens.PromptTokenizer.EncodingFor(condition.Model.Id) is null && !PriceTable.IsFree(condition.Model.Id))
            .Select(condition => condition.Id)
            .ToList();
        if (calibrated.Count == 0)
        {
            return new Dictionary<string, double>(StringComparer.Ordinal);
        }

        var chars = new Dictionary<string, (long Chars, long Tokens)>(StringComparer.Ordinal);
        var rows = store.Connection.Query(
            $"""
            SELECT condition_id, item_uid, billed FROM (
                SELECT condition_id, item_uid,
                    coalesce(input_tokens, 0) + CASE WHEN model LIKE 'anthropic/%' THEN coalesce(cache_read_tokens, 0) + coalesce(cache_write_tokens, 0) ELSE 0 END AS billed,
                    row_number() OVER (PARTITION BY condition_id ORDER BY cell_key) AS n
                FROM solutions WHERE status = 'done' AND coalesce(input_tokens, 0) > 0
                    AND condition_id IN ({string.Join(", ", calibrated.Select((_, index) => $"$c{index}"))}))
            WHERE n <= {CalibrationSample}
            """,
            reader => (Condition: reader.GetString(0), Item: reader.GetString(1), Billed: Convert.ToInt64(reader.GetValue(2))),
            [.. calibrated.Select((id, index) => ($"c{index}", (object?)id))]);
        foreach (var row in rows)
        {
            if (!study.ConditionsById.TryGetValue(row.Condition, out var condition) || !items.TryGetValue(row.Item, out var item))
            {
                continue;
            }

            var messages = TemplateRenderer.Render(condition.Template, item);
            var text = messages.Sum(message => (long)message.Content.Length);
            var tokens = row.Billed - (messages.Count * TokenEstimator.TokensPerMessage);
            if (tokens > 0)
            {
                var sum = chars.GetValueOrDefault(row.Condition);
                chars[row.Condition] = (sum.Chars + text, sum.Tokens + tokens);
            }
        }

        return chars.ToDictionary(pair => pair.Key, pair => (double)pair.Value.Chars / pair.Value.Tokens, StringComparer.Ordinal);
    }
}
