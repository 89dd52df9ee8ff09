using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using ItemEval.Runtime.Providers.Catalog;
using OpenAI;
using OpenAI.Chat;

namespace ItemEval.Runtime.Providers.OpenAI;

/// <summary>
/// Chat completions through the official OpenAI SDK — for OpenAI and every OpenAI-compatible endpoint (Together,
/// OpenRouter, xAI, vLLM, Ollama) via the SDK's Endpoint option.
/// </summary>
/// <remarks>
/// The SDK's protocol method is used (<c>CompleteChatAsync(BinaryContent, RequestOptions)</c>): the SDK still owns the
/// endpoint, auth, headers and transport, but the body is written by <see cref="OpenAIChatRequestBody"/> and the answer
/// read by <see cref="OpenAIChatAnswer"/>, which costs a fraction of building and parsing the SDK's typed models on
/// every call. Its status is read, not thrown (<see cref="ClientErrorBehaviors.NoThrow"/>), and its body and headers
/// come from the raw response the SDK buffered, so nothing needs capturing beside it. The SDK's own retries and
/// logging are off: our retry layer owns retries, so a 429 is retried once by policy, not 3 × 4 times by two layers.
/// </remarks>
public sealed class OpenAIModelClient : IModelClient
{
    private readonly ChatClient _client;
    private readonly string _provider;
    private readonly string _model;
    private readonly Uri _endpoint;

    public OpenAIModelClient(string provider, string model, string baseUrl, string apiKey, TimeSpan? networkTimeout = null)
    {
        _provider = provider;
        _model = model;
        _endpoint = new Uri(baseUrl);
        var options = new OpenAIClientOptions
        {
            Endpoint = _endpoint,
            RetryPolicy = NoSdkRetries.Instance,
            NetworkTimeout = networkTimeout ?? TimeSpan.FromMinutes(10),
            ClientLoggingOptions = new ClientLoggingOptions { EnableLogging = false },
            Transport = new HttpClientPipelineTransport(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }),
        };
        _client = new ChatClient(model, new ApiKeyCredential(apiKey), options);
    }

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        var effective = ParameterPolicy.Effective(_provider, _model, request.Parameters);
        using var content = BinaryContent.Create(OpenAIChatRequestBody.Write(_model, request.Messages, effective));
        var options = new RequestOptions { CancellationToken = cancellationToken, ErrorOptions = ClientErrorBehaviors.NoThrow };
        var started = Stopwatch.GetTimestamp();
        PipelineResponse raw;
        try
        {
            raw = (await _client.CompleteChatAsync(content, options)).GetRawResponse();
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed connection or the SDK's network timeout: no status, so nothing was answered.
            throw ProviderErrors.Transport(error, _endpoint);
        }

        var headers = RateLimits(raw);
        if (raw.Status is < 200 or >= 300)
        {
            throw ProviderErrors.FromStatus(raw.Status, raw.Content.ToString(), raw.ReasonPhrase, headers);
        }

        return OpenAIChatAnswer.Read(raw.Content, effective, Stopwatch.GetElapsedTime(started), headers);
    }

    private static RateLimitHeaders? RateLimits(PipelineResponse response) =>
        RateLimitHeaderParser.Parse(name => response.Headers.TryGetValue(name, out var value) ? value : null, DateTimeOffset.UtcNow);
}
