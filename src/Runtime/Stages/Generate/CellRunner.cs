using System.Diagnostics;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Transcripts;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages.Generate;

/// <summary>Runs one cell: render, call, and turn the outcome (answer, empty answer or failure) into a stored row.</summary>
internal sealed class CellRunner
{
    private readonly ModelClientRouter _clients;
    private readonly PriceTable _prices;
    private readonly string _runId;
    private readonly TranscriptWriter _transcripts;

    public CellRunner(ModelClientRouter clients, PriceTable prices, string runId, TranscriptWriter transcripts)
    {
        _clients = clients;
        _prices = prices;
        _runId = runId;
        _transcripts = transcripts;
    }

    public static ModelRequest RequestFor(Cell cell, Condition condition, Item item) =>
        new(condition.Model.Id, TemplateRenderer.Render(condition.Template, item), condition.Lane.Parameters, cell.Epoch, condition.Model.Options, item.Target, cell.Key);

    public async Task<SolutionRecord> RunAsync(Cell cell, Condition condition, Item item, CancellationToken cancellationToken)
    {
        var request = RequestFor(cell, condition, item);
        var requested = StoreJson.Write(condition.Lane.Parameters);
        var clock = Stopwatch.StartNew();
        try
        {
            var response = await _clients.For(condition.Model).CompleteAsync(request, cancellationToken);
            var status = string.IsNullOrWhiteSpace(response.Text) ? SolutionStatus.Empty : SolutionStatus.Done;
            // Unknown (null) for a model without a price; a cache hit paid nothing.
            var usd = response.CacheHit ? 0m : _prices.CostOf(condition.Model.Id, response.Usage);
            var link = _transcripts.Append(new TranscriptEntry(cell.Key, condition.Model.Id, cell.Epoch, request.Messages, request.Parameters, response, null, DateTimeOffset.UtcNow));
            return Record(cell, condition, status, response.Text, null, response.FinishReason, requested,
                response.EffectiveParameters is null ? requested : StoreJson.Write(response.EffectiveParameters),
                response.Usage, usd, response.Latency.TotalMilliseconds, response.ProviderRequestId) with
            {
                CacheHit = response.CacheHit,
                Retries = response.Retries,
                Transcript = link,
            };
        }
        catch (ModelCallException failure)
        {
            var message = Redactor.Redact(failure.Message);
            var rawBody = failure.RawBody is null ? null : Redactor.Redact(failure.RawBody);
            var link = _transcripts.Append(new TranscriptEntry(cell.Key, condition.Model.Id, cell.Epoch, request.Messages, request.Parameters, null, message, DateTimeOffset.UtcNow, rawBody));
            return Record(cell, condition, SolutionStatus.Error, null, message, null, requested, null,
                TokenUsage.Zero, 0m, clock.Elapsed.TotalMilliseconds, null) with { Transcript = link, Retries = failure.Attempts - 1, NotConnected = failure.NoConnection };
        }
    }

    private SolutionRecord Record(
        Cell cell, Condition condition, string status, string? output, string? error, string? finishReason,
        string requested, string? effective, TokenUsage usage, decimal? usd, double latencyMs, string? requestId) =>
        new(cell.Key, cell.ConditionId, cell.ItemUid, cell.Epoch, condition.Model.Id, status, output, error, finishReason,
            requested, effective, usage, usd, latencyMs, requestId, Retries: 0, CacheHit: false, _runId);
}
