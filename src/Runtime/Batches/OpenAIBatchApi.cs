using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Batches;

/// <summary>
/// OpenAI's Files and Batch APIs (and any OpenAI-compatible provider exposing them, e.g. Together) over HttpClient.
/// </summary>
/// <remarks>
/// Not the SDK's clients: its <c>BatchClient</c> is protocol-level (raw JSON in and out, experimental OPENAI001) so it
/// saves nothing, and <c>OpenAIFileClient.DownloadFileAsync</c> returns the whole file as <c>BinaryData</c>, while an
/// output file (up to 200 MB) must be streamed. HttpClient streams both ways with the same base URL and key.
/// </remarks>
internal sealed class OpenAIBatchApi : IProviderBatchApi
{
    private readonly HttpClient _http;

    /// <param name="baseUrl">The base including <c>/v1</c>, as the chat client uses it.</param>
    public OpenAIBatchApi(string baseUrl, string apiKey, HttpMessageHandler? handler = null)
    {
        _http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: handler is null)
        {
            BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"),
            Timeout = TimeSpan.FromMinutes(30),
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    /// <summary>How many of the provider's most recent batches are searched for one this study created but never stored.</summary>
    private const int RecentBatchesSearched = 100;

    public BatchLimits Limits => BatchLimits.OpenAI;

    public void WriteRequest(Utf8JsonWriter json, string customId, string modelName, ModelRequest request, LaneParameters effective) =>
        OpenAIBatchLine.Write(json, customId, modelName, request, effective);

    public BatchResultLine ParseResult(string line) => BatchResultLine.Parse(line);

    public IReadOnlyList<string> ResultSources(ProviderBatch ended) => new[] { ended.OutputFileId, ended.ErrorFileId }.OfType<string>().ToList();

    /// <summary>Uploads a JSONL file (purpose <c>batch</c>) as a stream; returns the file id.</summary>
    public async Task<string?> UploadAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        using var content = new MultipartFormDataContent
        {
            { new StringContent("batch"), "purpose" },
            { new StreamContent(file), "file", Path.GetFileName(path) },
        };
        var answer = await BatchHttp.SendAsync(_http, new HttpRequestMessage(HttpMethod.Post, "files") { Content = content }, cancellationToken);
        return (string?)answer["id"] ?? throw new InvalidDataException("the file upload answered without an id");
    }

    public async Task<ProviderBatch> CreateAsync(string path, string? inputFileId, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputFileId);
        var body = new JsonObject
        {
            ["input_file_id"] = inputFileId,
            ["endpoint"] = "/v1/chat/completions",
            ["completion_window"] = "24h",
            ["metadata"] = new JsonObject(metadata.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))),
        };
        return Read(await BatchHttp.SendAsync(_http, new HttpRequestMessage(HttpMethod.Post, "batches") { Content = JsonContent.Create(body) }, cancellationToken));
    }

    public async Task<ProviderBatch> GetAsync(string batchId, CancellationToken cancellationToken) =>
        Read(await BatchHttp.SendAsync(_http, new HttpRequestMessage(HttpMethod.Get, $"batches/{Uri.EscapeDataString(batchId)}"), cancellationToken));

    /// <summary>The batch whose metadata names the submission, among the provider's most recent batches.</summary>
    public async Task<BatchSearch> FindCreatedAsync(LostSubmission lost, CancellationToken cancellationToken)
    {
        var answer = await BatchHttp.SendAsync(_http, new HttpRequestMessage(HttpMethod.Get, $"batches?limit={RecentBatchesSearched}"), cancellationToken);
        var recent = answer["data"]?.AsArray().Select(batch => Read(batch!.AsObject())) ?? [];
        return new BatchSearch(recent.FirstOrDefault(batch => batch.SubmissionId == lost.SubmissionId));
    }

    public async Task<ProviderBatch> CancelAsync(string batchId, CancellationToken cancellationToken) =>
        Read(await BatchHttp.SendAsync(_http, new HttpRequestMessage(HttpMethod.Post, $"batches/{Uri.EscapeDataString(batchId)}/cancel"), cancellationToken));

    /// <summary>A result file's content as a stream (never read whole into memory).</summary>
    public Task<Stream> OpenResultsAsync(string fileId, CancellationToken cancellationToken) =>
        BatchHttp.OpenStreamAsync(_http, $"files/{Uri.EscapeDataString(fileId)}/content", cancellationToken);

    public void Dispose() => _http.Dispose();

    private static ProviderBatch Read(JsonObject batch)
    {
        var counts = batch["request_counts"];
        return new ProviderBatch(
            (string?)batch["id"] ?? throw new InvalidDataException("a batch without an id"),
            (string?)batch["status"] ?? "unknown",
            (int?)counts?["total"] ?? 0,
            (int?)counts?["completed"] ?? 0,
            (int?)counts?["failed"] ?? 0,
            (string?)batch["output_file_id"],
            (string?)batch["error_file_id"],
            (string?)batch["metadata"]?[BatchMetadata.Submission])
        {
            Errors = batch["errors"]?["data"] is JsonArray errors && errors.Count > 0
                ? string.Join("; ", errors.Select(error => $"{(string?)error?["code"]}: {(string?)error?["message"]}"))
                : null,
        };
    }
}
