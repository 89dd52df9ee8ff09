using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
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
        JsonObject body;
        RateLimitHeaders? limits;
        try
        {
            using var response = await _http.PostAsJsonAsync(_endpoint, GeminiRequestBody.Build(request, effective), cancellationToken);
            limits = RateLimitHeaderParser.Parse(name => response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null, DateTimeOffset.UtcNow);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw ProviderErrors.FromStatus((int)response.StatusCode, ErrorMessage(text) ?? response.ReasonPhrase ?? "error", limits);
            }

            body = JsonNode.Parse(text)?.AsObject() ?? throw new JsonException("empty body");
        }
        catch (Exception error) when (error is not ModelCallException && ProviderErrors.IsTransport(error, cancellationToken))
        {
            throw ProviderErrors.Transport(error);
        }

        var candidate = body["candidates"]?.AsArray().FirstOrDefault();
        var answer = string.Concat(candidate?["content"]?["parts"]?.AsArray().Where(part => part?["thought"]?.GetValue<bool>() != true).Select(part => (string?)part?["text"]) ?? []);
        var usage = body["usageMetadata"];
        return new ModelResponse(
            answer,
            ((string?)candidate?["finishReason"] ?? "").ToLowerInvariant(),
            new TokenUsage((int?)usage?["promptTokenCount"] ?? 0, (int?)usage?["candidatesTokenCount"] ?? 0, (int?)usage?["thoughtsTokenCount"] ?? 0, (int?)usage?["cachedContentTokenCount"] ?? 0),
            clock.Elapsed,
            (string?)body["responseId"],
            effective,
            limits);
    }

    public void Dispose() => _http.Dispose();

    private static string? ErrorMessage(string text)
    {
        try
        {
            return (string?)JsonNode.Parse(text)?["error"]?["message"];
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
