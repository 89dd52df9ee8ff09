using System.Diagnostics;
using System.Text.Json;
using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers.Catalog;

namespace ItemEval.Runtime.Providers.Anthropic;

/// <summary>
/// Messages through the official Anthropic SDK (BaseUrl option; SDK retries off — ours own retries). Text is the
/// concatenated text blocks; thinking blocks are left out of the answer.
/// </summary>
public sealed class AnthropicModelClient : IModelClient, IDisposable
{
    private static readonly Dictionary<string, JsonElement> Empty = [];
    private readonly AnthropicClient _client;
    private readonly string _model;
    private readonly Uri _endpoint;

    public AnthropicModelClient(string model, string baseUrl, string apiKey, TimeSpan? timeout = null)
    {
        _model = model;
        _endpoint = new Uri(baseUrl);
        _client = new AnthropicClient(new ClientOptions
        {
            ApiKey = apiKey,
            BaseUrl = baseUrl,
            MaxRetries = 0,
            Timeout = timeout ?? TimeSpan.FromMinutes(10),
            HttpClient = new HttpClient(new ResponseCapture()) { Timeout = Timeout.InfiniteTimeSpan },
        });
    }

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        var effective = ParameterPolicy.Effective("anthropic", _model, request.Parameters);
        var parameters = MessageCreateParams.FromRawUnchecked(Empty, Empty, AnthropicRequestBody.Build(_model, request, effective));
        var captured = ResponseCapture.Begin();
        var clock = Stopwatch.StartNew();
        try
        {
            var raw = await _client.WithRawResponse.Messages.Create(parameters, cancellationToken);
            var message = await raw.Deserialize(cancellationToken);
            return Read(raw, message, captured, effective, clock.Elapsed);
        }
        catch (AnthropicApiException error)
        {
            throw ProviderErrors.FromStatus((int)error.StatusCode, error.ResponseBody, error.Message, captured.RateLimits(), error);
        }
        catch (Exception error) when (error is not ModelCallException && !cancellationToken.IsCancellationRequested)
        {
            // An unreadable 200 surfaces as AnthropicInvalidDataException (or a JSON error) on first access to a field,
            // a failed connection as an AnthropicIOException: the captured response tells which one happened.
            throw captured.Answered ? ProviderErrors.UnreadableAnswer(captured.Body, error, captured.RateLimits()) : ProviderErrors.Transport(error, _endpoint);
        }
    }

    private static ModelResponse Read(HttpResponse<Message> raw, Message message, ResponseCapture.CapturedResponse captured, LaneParameters effective, TimeSpan latency)
    {
        if (ProviderError.InBody(captured.Body) is not null)
        {
            throw ProviderErrors.UnreadableAnswer(captured.Body, null, captured.RateLimits());
        }

        var text = string.Concat(message.Content.Select(block => block.TryPickText(out var textBlock) ? textBlock.Text : ""));
        var usage = message.Usage;
        return new ModelResponse(
            text,
            message.StopReason?.Raw() ?? "",
            new TokenUsage((int)usage.InputTokens, (int)usage.OutputTokens, 0, (int)(usage.CacheReadInputTokens ?? 0), (int)(usage.CacheCreationInputTokens ?? 0)),
            latency,
            raw.RequestID ?? message.ID,
            effective,
            captured.RateLimits());
    }

    public void Dispose() => _client.Dispose();
}
