using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting.Books;

/// <summary>
/// Spend and savings against list price per provider, from the ledger and the stored answers. Savings are split three
/// ways: the provider's prompt cache (cache-read and cache-write tokens billed at their own rates instead of input),
/// the batch discount (ledger rows of kind <c>batch</c>, at the provider's discount), and response-cache re-serves
/// (answers ItemEval served from its own cache: nothing sent, the list price of their tokens saved).
/// </summary>
public static class ProviderBooks
{
    /// <param name="UnpricedCalls">Calls of a model without a price: their cost is unknown and in none of the sums.</param>
    public sealed record Line(string Provider, int Calls, int CacheHits, decimal SpentUsd, decimal PromptCacheSaved, decimal BatchSaved, decimal ResponseCacheSaved, int UnpricedCalls = 0)
    {
        public decimal SavedUsd => PromptCacheSaved + BatchSaved + ResponseCacheSaved;

        public decimal ListUsd => SpentUsd + SavedUsd;
    }

    public static IReadOnlyList<Line> Read(StudyStore store, PriceTable prices)
    {
        var byProvider = new SortedDictionary<string, Line>(StringComparer.Ordinal);
        Line For(string model)
        {
            var provider = model.Split('/', 2)[0];
            return byProvider.TryGetValue(provider, out var line) ? line : byProvider[provider] = new Line(provider, 0, 0, 0, 0, 0, 0);
        }

        void Update(string model, Func<Line, Line> change) => byProvider[model.Split('/', 2)[0]] = change(For(model));

        foreach (var row in store.Connection.Query(
            """
            SELECT model, kind, cache_hit, count(*), CAST(coalesce(sum(usd), 0) AS DECIMAL(18,6)), CAST(sum(input_tokens) AS BIGINT), CAST(sum(output_tokens) AS BIGINT),
                count(*) FILTER (WHERE usd IS NULL)
            FROM ledger GROUP BY ALL
            """,
            reader => (Model: reader.GetString(0), Kind: reader.GetString(1), CacheHit: reader.GetBoolean(2), Count: Convert.ToInt32(reader.GetValue(3)),
                Usd: DuckDBCommands.ToDecimal(reader.GetValue(4)), Input: Convert.ToInt64(reader.GetValue(5)), Output: Convert.ToInt64(reader.GetValue(6)),
                Unpriced: Convert.ToInt32(reader.GetValue(7)))))
        {
            var price = prices.TryGet(row.Model, out var found) ? found : null;
            if (row.CacheHit)
            {
                var saved = price is null ? 0m : ((row.Input * price.InputPerMillion) + (row.Output * price.OutputPerMillion)) / 1_000_000m;
                Update(row.Model, line => line with { CacheHits = line.CacheHits + row.Count, ResponseCacheSaved = line.ResponseCacheSaved + saved });
                continue;
            }

            var discount = row.Kind == "batch" ? prices.BatchDiscount(row.Model) : 0m;
            var batchSaved = discount is > 0 and < 1 ? row.Usd * discount / (1 - discount) : 0m;
            Update(row.Model, line => line with { Calls = line.Calls + row.Count, SpentUsd = line.SpentUsd + row.Usd, BatchSaved = line.BatchSaved + batchSaved, UnpricedCalls = line.UnpricedCalls + row.Unpriced });
        }

        foreach (var row in store.Connection.Query(
            "SELECT model, CAST(sum(coalesce(cache_read_tokens, 0)) AS BIGINT), CAST(sum(coalesce(cache_write_tokens, 0)) AS BIGINT) FROM solutions WHERE NOT cache_hit GROUP BY model",
            reader => (Model: reader.GetString(0), Read: Convert.ToInt64(reader.GetValue(1)), Written: Convert.ToInt64(reader.GetValue(2)))))
        {
            if ((row.Read > 0 || row.Written > 0) && prices.TryGet(row.Model, out var price))
            {
                // A cache write can cost more than input (Anthropic): then this "saving" is negative, as on the invoice.
                var saved = ((row.Read * (price.InputPerMillion - price.CacheReadRate)) + (row.Written * (price.InputPerMillion - price.CacheWriteRate))) / 1_000_000m;
                Update(row.Model, line => line with { PromptCacheSaved = line.PromptCacheSaved + saved });
            }
        }

        return byProvider.Values.ToList();
    }
}
