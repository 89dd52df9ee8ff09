using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers.Catalog;

namespace ItemEval.Runtime.Providers.Google;

/// <summary>
/// Gemini's generateContent over REST (no Google SDK is in the registry). The key travels in the
/// <c>x-goog-api-key</c> header, never in the URL, so it cannot end up in a log line that prints the address.
/// </summary>
public sealed class GeminiModelClient : IModelClient, IDisposable
{
    private readonly HttpClient _http;
    private readonly string _model;
    private readonly Uri _endpoint;

    public GeminiModelClient(string model, string baseUrl, string apiKey, TimeSpan? timeout = null)
    {
        _model = model;
        _endpoint = new Uri($"{baseUrl.TrimEnd('/')}/v1beta/models/{Uri.EscapeDataString(model)}:generateContent");
        _http = new HttpClient { Timeout = timeout ?? TimeSpan.FromMinutes(10) };
        _http.DefaultRequestHeaders.Add("x-goog-api-key", apiKey);
    }

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        var effective = ParameterPolicy.Effective("google", _model, request.Parameters);
        var clock = Stopwatch.StartNew();
        string text;
        RateLimitHeaders? limits;
        try
        {
            using var response = await _http.PostAsJsonAsync(_endpoint, GeminiRequestBody.Build(request, effective), cancellationToken);
            limits = RateLimitHeaderParser.Parse(name => response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null, DateTimeOffset.UtcNow);
            text = await ReadBody(response, limits, cancellationToken);
        }
        catch (Exception error) when (error is not ModelCallException && !cancellationToken.IsCancellationRequested)
        {
            throw ProviderErrors.Transport(error, _endpoint);
        }

        try
        {
            return Read(text, effective, limits, clock.Elapsed);
        }
        catch (Exception error) when (error is not ModelCallException)
        {
            throw ProviderErrors.UnreadableAnswer(text, error, limits);
        }
    }

    private static async Task<string> ReadBody(HttpResponseMessage response, RateLimitHeaders? limits, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw ProviderErrors.FromStatus((int)response.StatusCode, text, response.ReasonPhrase ?? "error", limits);
        }

        return text;
    }

    private static ModelResponse Read(string text, LaneParameters effective, RateLimitHeaders? limits, TimeSpan latency)
    {
        var body = JsonNode.Parse(text)?.AsObject() ?? throw new JsonException("the body is empty");
        if (ProviderError.InBody(text) is not null)
        {
            throw ProviderErrors.UnreadableAnswer(text, null, limits);
        }

        // No candidate is an answer only when the prompt itself was blocked; otherwise the body is not an answer.
        var candidate = body["candidates"]?.AsArray().FirstOrDefault();
        var blocked = (string?)body["promptFeedback"]?["blockReason"];
        if (candidate is null && blocked is null)
        {
            throw new JsonException("the answer has no candidates");
        }

        var answer = string.Concat(candidate?["content"]?["parts"]?.AsArray().Where(part => part?["thought"]?.GetValue<bool>() != true).Select(part => (string?)part?["text"]) ?? []);
        var usage = body["usageMetadata"];
        return new ModelResponse(
            answer,
            candidate is null ? "content_filter" : ((string?)candidate["finishReason"] ?? "").ToLowerInvariant(),
            new TokenUsage((int?)usage?["promptTokenCount"] ?? 0, (int?)usage?["candidatesTokenCount"] ?? 0, (int?)usage?["thoughtsTokenCount"] ?? 0, (int?)usage?["cachedContentTokenCount"] ?? 0),
            latency,
            (string?)body["responseId"],
            effective,
            limits);
    }

    public void Dispose() => _http.Dispose();
}
