using System.ClientModel;
using System.Text.Json.Nodes;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Catalog;
using ItemEval.Runtime.Providers.OpenAI;
using OpenAI;
using OpenAI.Chat;
using ChatMessage = ItemEval.Runtime.Providers.ChatMessage;

namespace ItemEval.Runtime.Tests.Providers.OpenAI;

/// <summary>
/// The body we write for the SDK's protocol method is the body the SDK's typed path sends: both go to the fake server
/// and the JSON it received is compared, one parameter kind at a time.
/// </summary>
public sealed class OpenAIChatRequestBodyTests : FakeServerTest
{
    public static TheoryData<string, LaneParameters> Lanes => new()
    {
        { "gpt-4o-mini", LaneParameters.None },
        { "gpt-4o-mini", new LaneParameters(Temperature: 0.7) },
        { "gpt-4o-mini", new LaneParameters(Temperature: 0.1, TopP: 0.95) },
        { "gpt-4o-mini", new LaneParameters(MaxTokens: 300) },
        { "gpt-4o-mini", new LaneParameters(Seed: 12345) },
        { "gpt-4o-mini", new LaneParameters(Temperature: 0.3, TopP: 0.5, MaxTokens: 64, Seed: -7) },
        { "o3-mini", new LaneParameters(ReasoningEffort: "high", MaxTokens: 2000) },
        { "gpt-5-mini", new LaneParameters(Temperature: 0.7, ReasoningEffort: "minimal") },
    };

    [Theory]
    [MemberData(nameof(Lanes))]
    public async Task The_written_body_is_the_body_the_typed_sdk_call_sends(string model, LaneParameters parameters)
    {
        var request = new ModelRequest(
            $"openai/{model}",
            [
                new ChatMessage("system", "Be brief. Answer with \"one\" word.\nNo tabs\t, no <html> & no \\ slashes."),
                new ChatMessage("user", "Wie viel ist 6 × 7? 日本語 🙂"),
                new ChatMessage("assistant", "Forty-two."),
                new ChatMessage("user", "And again?"),
            ],
            parameters,
            1,
            new Dictionary<string, string>());

        await new OpenAIModelClient("openai", model, Server.BaseUrl + "/v1", "test-key").CompleteAsync(request, CancellationToken.None);
        await TypedCall(model, request);

        var recorded = Server.Requests.ToArray();
        Assert.Equal(2, recorded.Length);
        var (ours, typed) = (recorded[0].Body, recorded[1].Body);
        Assert.True(JsonNode.DeepEquals(typed, ours), $"typed: {typed.ToJsonString()}\nours:  {ours.ToJsonString()}");
    }

    /// <summary>The SDK's typed call as the client made it before it used the protocol method.</summary>
    private async Task TypedCall(string model, ModelRequest request)
    {
        var client = new ChatClient(model, new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = new Uri(Server.BaseUrl + "/v1") });
        var parameters = ParameterPolicy.Effective("openai", model, request.Parameters);
        var options = new ChatCompletionOptions
        {
            Temperature = (float?)parameters.Temperature,
            TopP = (float?)parameters.TopP,
            MaxOutputTokenCount = parameters.MaxTokens,
        };
#pragma warning disable OPENAI001 // Seed and reasoning effort are experimental in the SDK.
        options.Seed = parameters.Seed;
        if (parameters.ReasoningEffort is { } effort)
        {
            options.ReasoningEffortLevel = new ChatReasoningEffortLevel(effort);
        }
#pragma warning restore OPENAI001
        var messages = request.Messages.Select(message => message.Role switch
        {
            "system" => (global::OpenAI.Chat.ChatMessage)new SystemChatMessage(message.Content),
            "assistant" => new AssistantChatMessage(message.Content),
            _ => new UserChatMessage(message.Content),
        }).ToList();
        await client.CompleteChatAsync(messages, options);
    }
}
