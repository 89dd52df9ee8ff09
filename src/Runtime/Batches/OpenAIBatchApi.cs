using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ItemEval.Runtime.Batches;

/// <summary>
/// OpenAI's Files and Batch APIs (and any OpenAI-compatible provider exposing them, e.g. Together) over HttpClient.
/// </summary>
/// <remarks>
/// Not the SDK's clients: its <c>BatchClient</c> is protocol-level (raw JSON in and out, experimental OPENAI001) so it
/// saves nothing, and <c>OpenAIFileClient.DownloadFileAsync</c> returns the whole file as <c>BinaryData</c>, while an
/// output file (up to 200 MB) must be streamed. HttpClient streams both ways with the same base URL and key.
/// </remarks>
public sealed class OpenAIBatchApi : IDisposable
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

    /// <summary>Uploads a JSONL file (purpose <c>batch</c>) as a stream; returns the file id.</summary>
    public async Task<string> UploadAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        using var content = new MultipartFormDataContent
        {
            { new StringContent("batch"), "purpose" },
            { new StreamContent(file), "file", Path.GetFileName(path) },
        };
        var answer = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "files") { Content = content }, cancellationToken);
        return (string?)answer["id"] ?? throw new InvalidDataException("the file upload answered without an id");
    }

    public async Task<ProviderBatch> CreateAsync(string inputFileId, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["input_file_id"] = inputFileId,
            ["endpoint"] = "/v1/chat/completions",
            ["completion_window"] = "24h",
            ["metadata"] = new JsonObject(metadata.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))),
        };
        return Read(await SendAsync(new HttpRequestMessage(HttpMethod.Post, "batches") { Content = JsonContent.Create(body) }, cancellationToken));
    }

    public async Task<ProviderBatch> GetAsync(string batchId, CancellationToken cancellationToken) =>
        Read(await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"batches/{Uri.EscapeDataString(batchId)}"), cancellationToken));

    /// <summary>The provider's most recent batches, newest first (to adopt one created but never stored).</summary>
    public async Task<IReadOnlyList<ProviderBatch>> RecentAsync(int limit, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"batches?limit={limit}"), cancellationToken);
        return answer["data"]?.AsArray().Select(batch => Read(batch!.AsObject())).ToList() ?? [];
    }

    public async Task<ProviderBatch> CancelAsync(string batchId, CancellationToken cancellationToken) =>
        Read(await SendAsync(new HttpRequestMessage(HttpMethod.Post, $"batches/{Uri.EscapeDataString(batchId)}/cancel"), cancellationToken));

    /// <summary>A result file's content as a stream (never read whole into memory).</summary>
    public async Task<Stream> OpenContentAsync(string fileId, CancellationToken cancellationToken)
    {
        var response = await _http.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, $"files/{Uri.EscapeDataString(fileId)}/content"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonObject> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            await EnsureSuccessAsync(response, cancellationToken);
            return (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken)) ?? [];
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var message = Providers.ProviderError.InBody(body)?.Message ?? body;
            throw new BatchApiException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: HTTP {(int)response.StatusCode} {message}");
        }
    }

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
