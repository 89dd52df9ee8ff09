using System.Net;
using System.Net.Sockets;
using ItemEval.FakeProviders;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Anthropic;
using ItemEval.Runtime.Providers.Google;
using ItemEval.Runtime.Providers.OpenAI;
using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Runtime.Tests.Providers;

/// <summary>
/// What each real SDK client makes of a provider that answers badly or not at all: every such answer is one
/// <see cref="ModelCallException"/> that says what happened, never a crash of another type.
/// </summary>
public sealed class ProviderFaultTests : FakeServerTest
{
    private const string ServerError = "The server had an error while processing your request";
    private static readonly RetrySettings QuickRetries = new() { MaxRetries = 4, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(10) };

    public static TheoryData<string> Providers => new() { "openai", "anthropic", "google" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_error_object_in_a_200_fails_that_call_with_the_providers_words_and_body(string provider)
    {
        Server.Behavior.ErrorIn200Next();

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Ask(Client(provider), provider));

        Assert.StartsWith("HTTP 200 with an error instead of an answer: ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{ServerError}\"", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsTransient); // a server error, whatever the status it came with
        Assert.True(error.UnreadableAnswer);
        Assert.True(error.MayHaveBeenBilled);
        Assert.Contains(ServerError, error.RawBody, StringComparison.Ordinal);
        Assert.Equal(BillingReason.ErrorIn200, Assert.Single(Server.BilledRequests).Reason);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_200_that_is_not_json_is_a_transient_billed_failure_with_the_body_kept(string provider)
    {
        Server.Behavior.MalformedNext();

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Ask(Client(provider), provider));

        Assert.StartsWith("HTTP 200 with an answer that could not be read (", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsTransient);
        Assert.True(error.MayHaveBeenBilled);
        Assert.Equal("{\"id\": \"broken\", \"choices\": [", error.RawBody);
        Assert.Equal(BillingReason.Malformed, Assert.Single(Server.BilledRequests).Reason);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_reset_connection_is_transient_and_says_so(string provider)
    {
        Server.Behavior.ResetNext();

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Ask(Client(provider), provider));

        Assert.StartsWith("connection reset by the provider", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsTransient);
        Assert.False(error.MayHaveBeenBilled);
        Assert.Empty(Server.BilledRequests);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_refused_connection_is_transient_and_names_the_address(string provider)
    {
        var closedPort = ClosedPort();

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Ask(Client(provider, $"http://127.0.0.1:{closedPort}"), provider));

        Assert.Equal($"connection refused at 127.0.0.1:{closedPort}", error.Message);
        Assert.True(error.IsTransient);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_reset_is_retried_and_the_call_answers(string provider)
    {
        Server.Behavior.ResetNext();

        var response = await Ask(Client(provider).WithRetries(QuickRetries), provider);

        Assert.Equal("The answer is 42.", response.Text);
        Assert.Equal(1, response.Retries);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_unreadable_answer_is_asked_again_once_because_each_one_is_paid(string provider)
    {
        Server.Behavior.MalformedNext(5);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Ask(Client(provider).WithRetries(QuickRetries), provider));

        Assert.Equal(2, Server.RequestCount);
        Assert.Equal(2, Server.BilledRequests.Count);
        Assert.Equal(2, error.Attempts);
        Assert.EndsWith("gave up after 2 attempts: an unreadable answer is billed, so it is asked again once only", error.Message, StringComparison.Ordinal);
        Assert.Equal("{\"id\": \"broken\", \"choices\": [", error.RawBody);
    }

    [Fact]
    public async Task A_server_error_gives_one_sentence_with_status_type_message_and_attempts()
    {
        Server.Behavior.FailNext(3, 500);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Ask(Client("openai").WithRetries(QuickRetries with { MaxRetries = 2 }), "openai"));

        Assert.Equal($"openai/gpt-4o-mini: HTTP 500 server_error \"{ServerError}\" — gave up after 3 attempts", error.Message);
        Assert.Equal(3, error.Attempts);
    }

    private static Task<ModelResponse> Ask(IModelClient client, string provider) =>
        client.CompleteAsync(Requests.Ask(ModelId(provider), LaneParameters.None), CancellationToken.None);

    private static string ModelId(string provider) => provider switch
    {
        "openai" => "openai/gpt-4o-mini",
        "anthropic" => "anthropic/claude-haiku-4-5",
        _ => "google/gemini-2.5-flash",
    };

    private IModelClient Client(string provider, string? baseUrl = null)
    {
        baseUrl ??= Server.BaseUrl;
        return provider switch
        {
            "openai" => new OpenAIModelClient("openai", "gpt-4o-mini", baseUrl + "/v1", "test-key"),
            "anthropic" => new AnthropicModelClient("claude-haiku-4-5", baseUrl, "test-key"),
            _ => new GeminiModelClient("gemini-2.5-flash", baseUrl, "test-key"),
        };
    }

    /// <summary>A port nothing listens on: bound once to learn a free number, then released.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
