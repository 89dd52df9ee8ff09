using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers.Catalog;
using OpenAI;
using OpenAI.Chat;

namespace ItemEval.Runtime.Providers.OpenAI;

/// <summary>
/// Chat completions through the official OpenAI SDK — for OpenAI and every OpenAI-compatible endpoint (Together,
/// OpenRouter, xAI, vLLM, Ollama) via the SDK's Endpoint option. The SDK's own retries are off: our retry layer
/// owns retries, so a 429 is retried once by policy, not 3 × 4 times by two layers.
/// </summary>
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
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = networkTimeout ?? TimeSpan.FromMinutes(10),

            // Our handler keeps the body the SDK reads, so an answer it cannot parse still reaches the transcript.
            Transport = new HttpClientPipelineTransport(new HttpClient(new ResponseCapture()) { Timeout = Timeout.InfiniteTimeSpan }),
        };
        _client = new ChatClient(model, new ApiKeyCredential(apiKey), options);
    }

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        var effective = ParameterPolicy.Effective(_provider, _model, request.Parameters);
        var messages = Messages(request);
        var options = Options(effective);
        var captured = ResponseCapture.Begin();
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await _client.CompleteChatAsync(messages, options, cancellationToken);
            return Read(result, captured, effective, clock.Elapsed);
        }
        catch (ClientResultException error) when (error.Status != 0)
        {
            var raw = error.GetRawResponse();
            throw ProviderErrors.FromStatus(error.Status, raw?.Content?.ToString(), error.Message, Headers(raw), error);
        }
        catch (Exception error) when (error is not ModelCallException && !cancellationToken.IsCancellationRequested)
        {
            // The SDK reports a failed connection as a ClientResultException with status 0, and an unreadable 200 as
            // whatever its parser threw: what happened is told by the captured response, not by the exception type.
            throw captured.Answered ? ProviderErrors.UnreadableAnswer(captured.Body, error, captured.RateLimits()) : ProviderErrors.Transport(error, _endpoint);
        }
    }

    private static ModelResponse Read(ClientResult<ChatCompletion> result, ResponseCapture.CapturedResponse captured, LaneParameters effective, TimeSpan latency)
    {
        var headers = Headers(result.GetRawResponse());
        if (ProviderError.InBody(captured.Body) is not null)
        {
            throw ProviderErrors.UnreadableAnswer(captured.Body, null, headers);
        }

        var completion = result.Value;
        string text, finishReason;
        try
        {
            text = string.Concat(completion.Content.Select(part => part.Text));
            finishReason = FinishReason(completion.FinishReason);
        }
        catch (ArgumentOutOfRangeException noChoice)
        {
            // The SDK reads choices[0] without checking that there is one.
            throw ProviderErrors.UnreadableAnswer(captured.Body, new InvalidDataException("the answer has no choices", noChoice), headers);
        }

        var usage = completion.Usage;
        return new ModelResponse(
            text,
            finishReason,
            new TokenUsage(
                usage?.InputTokenCount ?? 0,
                (usage?.OutputTokenCount ?? 0) - (usage?.OutputTokenDetails?.ReasoningTokenCount ?? 0),
                usage?.OutputTokenDetails?.ReasoningTokenCount ?? 0,
                usage?.InputTokenDetails?.CachedTokenCount ?? 0),
            latency,
            completion.Id,
            effective,
            headers);
    }

    private static List<global::OpenAI.Chat.ChatMessage> Messages(ModelRequest request) =>
        request.Messages.Select(message => message.Role switch
        {
            "system" => (global::OpenAI.Chat.ChatMessage)new SystemChatMessage(message.Content),
            "assistant" => new AssistantChatMessage(message.Content),
            _ => new UserChatMessage(message.Content),
        }).ToList();

    private static ChatCompletionOptions Options(LaneParameters parameters)
    {
        var options = new ChatCompletionOptions
        {
            Temperature = (float?)parameters.Temperature,
            TopP = (float?)parameters.TopP,
            MaxOutputTokenCount = parameters.MaxTokens,
        };
#pragma warning disable OPENAI001 // Seed and reasoning effort are marked experimental in the SDK; both are stable API fields.
        options.Seed = parameters.Seed;
        if (parameters.ReasoningEffort is { } effort)
        {
            options.ReasoningEffortLevel = new ChatReasoningEffortLevel(effort);
        }
#pragma warning restore OPENAI001
        return options;
    }

    /// <summary>OpenAI counts reasoning tokens inside completion tokens; we store them apart (both are billed as output).</summary>
    private static string FinishReason(ChatFinishReason reason) => reason switch
    {
        ChatFinishReason.Stop => "stop",
        ChatFinishReason.Length => "length",
        ChatFinishReason.ContentFilter => "content_filter",
        ChatFinishReason.ToolCalls => "tool_calls",
        _ => reason.ToString().ToLowerInvariant(),
    };

    private static RateLimitHeaders? Headers(PipelineResponse? response) =>
        response is null ? null : RateLimitHeaderParser.Parse(name => response.Headers.TryGetValue(name, out var value) ? value : null, DateTimeOffset.UtcNow);
}
