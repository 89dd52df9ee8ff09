using System.Diagnostics;
using System.Text.Json;
using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
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

    public AnthropicModelClient(string model, string baseUrl, string apiKey, TimeSpan? timeout = null)
    {
        _model = model;
        _client = new AnthropicClient(new ClientOptions
        {
            ApiKey = apiKey,
            BaseUrl = baseUrl,
            MaxRetries = 0,
            Timeout = timeout ?? TimeSpan.FromMinutes(10),
            HttpClient = new HttpClient(new ResponseHeaderCapture()) { Timeout = Timeout.InfiniteTimeSpan },
        });
    }

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        var effective = ParameterPolicy.Effective("anthropic", _model, request.Parameters);
        var parameters = MessageCreateParams.FromRawUnchecked(Empty, Empty, AnthropicRequestBody.Build(_model, request, effective));
        var headers = ResponseHeaderCapture.Begin();
        var clock = Stopwatch.StartNew();
        Message message;
        HttpResponse<Message> raw;
        try
        {
            raw = await _client.WithRawResponse.Messages.Create(parameters, cancellationToken);
            message = await raw.Deserialize(cancellationToken);
        }
        catch (AnthropicApiException error)
        {
            throw ProviderErrors.FromStatus((int)error.StatusCode, Describe(error), headers.RateLimits(), error);
        }
        catch (Exception error) when (ProviderErrors.IsTransport(error, cancellationToken) || (error is AnthropicException && !cancellationToken.IsCancellationRequested))
        {
            throw ProviderErrors.Transport(error);
        }

        var text = string.Concat(message.Content.Select(block => block.TryPickText(out var textBlock) ? textBlock.Text : ""));
        var usage = message.Usage;
        return new ModelResponse(
            text,
            message.StopReason?.Raw() ?? "",
            new TokenUsage((int)usage.InputTokens, (int)usage.OutputTokens, 0, (int)(usage.CacheReadInputTokens ?? 0), (int)(usage.CacheCreationInputTokens ?? 0)),
            clock.Elapsed,
            raw.RequestID ?? message.ID,
            effective,
            headers.RateLimits());
    }

    public void Dispose() => _client.Dispose();

    private static string Describe(AnthropicApiException error) =>
        string.IsNullOrWhiteSpace(error.ResponseBody) ? error.Message : $"{error.Message}: {error.ResponseBody}";
}
