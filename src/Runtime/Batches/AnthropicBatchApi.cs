using System.Text.Json;
using System.Text.Json.Nodes;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Batches;

/// <summary>
/// Anthropic's Message Batches API over HttpClient (<c>x-api-key</c>, <c>anthropic-version</c>) at the base URL the
/// interactive client uses: one request creates a batch from the requests inline (streamed from the input file; no
/// upload step), its results are one JSONL stream once the whole batch has ended.
/// </summary>
/// <remarks>
/// Anthropic batches carry no metadata, so a batch created by a run killed before it stored the id is recognised
/// otherwise (<see cref="FindCreatedAsync"/>): among the 100 most recent batches, those created since the submission
/// was stored, with as many requests, and held by no other submission; one that has ended is confirmed by a custom_id
/// of its results; a single one still running is taken as ours; several running are left undecided until they end.
/// </remarks>
internal sealed class AnthropicBatchApi : IProviderBatchApi
{
    public const string Version = "2023-06-01";

    private const int RecentBatchesSearched = 100;

    /// <summary>How far the provider's clock may be behind ours when a batch is matched by creation time.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(10);

    private readonly HttpClient _http;

    /// <param name="baseUrl">The base without <c>/v1</c> (e.g. <c>https://api.anthropic.com</c>), as the SDK takes it.</param>
    public AnthropicBatchApi(string baseUrl, string apiKey, HttpMessageHandler? handler = null)
    {
        _http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: handler is null)
        {
            BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"),
            Timeout = TimeSpan.FromMinutes(30),
        };
        _http.DefaultRequestHeaders.Add("x-api-key", apiKey);
        _http.DefaultRequestHeaders.Add("anthropic-version", Version);
    }

    public BatchLimits Limits => BatchLimits.Anthropic;

    public void WriteRequest(Utf8JsonWriter json, string customId, string modelName, ModelRequest request, LaneParameters effective) =>
        AnthropicBatchLine.Write(json, customId, modelName, request, effective);

    public BatchResultLine ParseResult(string line) => AnthropicBatchResult.Parse(line);

    public Task<string?> UploadAsync(string path, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>Anthropic takes no metadata: the submission is recognised by <see cref="FindCreatedAsync"/> instead.</summary>
    public async Task<ProviderBatch> CreateAsync(string path, string? inputFileId, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        Read(await BatchHttp.SendAsync(_http, new HttpRequestMessage(HttpMethod.Post, "v1/messages/batches") { Content = new JsonLinesArrayContent(path, "requests") }, cancellationToken));

    public async Task<ProviderBatch> GetAsync(string batchId, CancellationToken cancellationToken) =>
        Read(await BatchHttp.SendAsync(_http, new HttpRequestMessage(HttpMethod.Get, $"v1/messages/batches/{Uri.EscapeDataString(batchId)}"), cancellationToken));

    public async Task<ProviderBatch> CancelAsync(string batchId, CancellationToken cancellationToken) =>
        Read(await BatchHttp.SendAsync(_http, new HttpRequestMessage(HttpMethod.Post, $"v1/messages/batches/{Uri.EscapeDataString(batchId)}/cancel"), cancellationToken));

    public async Task<BatchSearch> FindCreatedAsync(LostSubmission lost, CancellationToken cancellationToken)
    {
        var answer = await BatchHttp.SendAsync(_http, new HttpRequestMessage(HttpMethod.Get, $"v1/messages/batches?limit={RecentBatchesSearched}"), cancellationToken);
        var candidates = (answer["data"]?.AsArray() ?? [])
            .Select(batch => batch!.AsObject())
            .Where(batch => CreatedAt(batch) >= lost.CreatedAtUtc - ClockSkew)
            .Select(Read)
            .Where(batch => batch.Total == lost.Cells && !lost.Claimed.Contains(batch.Id))
            .ToList();
        foreach (var ended in candidates.Where(batch => batch.Ended))
        {
            if (await FirstCustomIdAsync(ended, cancellationToken) is { } customId && lost.CustomIds.Contains(customId))
            {
                return new BatchSearch(ended);
            }
        }

        var running = candidates.Where(batch => !batch.Ended).ToList();
        return running.Count switch
        {
            0 => new BatchSearch(null),
            1 => new BatchSearch(running[0]),
            _ => new BatchSearch(null, Undecided: true),
        };
    }

    public IReadOnlyList<string> ResultSources(ProviderBatch ended) =>
        [ended.OutputFileId ?? $"v1/messages/batches/{Uri.EscapeDataString(ended.Id)}/results"];

    /// <summary>The results as a stream, from the batch's <c>results_url</c> (never read whole into memory).</summary>
    public Task<Stream> OpenResultsAsync(string source, CancellationToken cancellationToken) => BatchHttp.OpenStreamAsync(_http, source, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<string?> FirstCustomIdAsync(ProviderBatch ended, CancellationToken cancellationToken)
    {
        await using var stream = await OpenResultsAsync(ResultSources(ended)[0], cancellationToken);
        using var reader = new StreamReader(stream);
        return await reader.ReadLineAsync(cancellationToken) is { Length: > 0 } line ? ParseResult(line).CustomId : null;
    }

    private static DateTime CreatedAt(JsonObject batch) =>
        DateTimeOffset.TryParse((string?)batch["created_at"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime
            : DateTime.MinValue;

    /// <summary>
    /// Anthropic's <c>processing_status</c> (<c>in_progress</c>, <c>canceling</c>, <c>ended</c>) is stored as the state;
    /// done counts <c>succeeded</c>, errored counts <c>errored</c>, and the total is every request whatever its count.
    /// </summary>
    private static ProviderBatch Read(JsonObject batch)
    {
        var counts = batch["request_counts"];
        int Count(string name) => (int?)counts?[name] ?? 0;
        return new ProviderBatch(
            (string?)batch["id"] ?? throw new InvalidDataException("a batch without an id"),
            (string?)batch["processing_status"] ?? "unknown",
            Count("processing") + Count("succeeded") + Count("errored") + Count("canceled") + Count("expired"),
            Count("succeeded"),
            Count("errored"),
            (string?)batch["results_url"],
            null,
            null);
    }
}
