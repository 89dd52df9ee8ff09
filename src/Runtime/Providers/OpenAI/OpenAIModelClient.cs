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

    public OpenAIModelClient(string provider, string model, string baseUrl, string apiKey, TimeSpan? networkTimeout = null)
    {
        _provider = provider;
        _model = model;
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(baseUrl),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = networkTimeout ?? TimeSpan.FromMinutes(10),
        };
        _client = new ChatClient(model, new ApiKeyCredential(apiKey), options);
    }

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        var effective = ParameterPolicy.Effective(_provider, _model, request.Parameters);
        var clock = Stopwatch.StartNew();
        ClientResult<ChatCompletion> result;
        try
        {
            result = await _client.CompleteChatAsync(Messages(request), Options(effective), cancellationToken);
        }
        catch (ClientResultException error)
        {
            throw ProviderErrors.FromStatus(error.Status, error.Message, Headers(error.GetRawResponse()), error);
        }
        catch (Exception error) when (ProviderErrors.IsTransport(error, cancellationToken))
        {
            throw ProviderErrors.Transport(error);
        }

        var completion = result.Value;
        var usage = completion.Usage;
        return new ModelResponse(
            string.Concat(completion.Content.Select(part => part.Text)),
            FinishReason(completion.FinishReason),
            new TokenUsage(
                usage?.InputTokenCount ?? 0,
                (usage?.OutputTokenCount ?? 0) - (usage?.OutputTokenDetails?.ReasoningTokenCount ?? 0),
                usage?.OutputTokenDetails?.ReasoningTokenCount ?? 0,
                usage?.InputTokenDetails?.CachedTokenCount ?? 0),
            clock.Elapsed,
            completion.Id,
            effective,
            Headers(result.GetRawResponse()));
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
