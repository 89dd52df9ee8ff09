using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ItemEval.FakeProviders;

/// <summary>
/// Kestrel on 127.0.0.1 (random port) speaking OpenAI chat completions (<c>/v1/chat/completions</c>), Anthropic
/// messages (<c>/v1/messages</c>) and Gemini generateContent (<c>/v1beta/models/{model}:generateContent</c>), with
/// switches for latency, 429 + Retry-After, 5xx/529, hangs, malformed JSON, error objects in a 200, connection resets,
/// seeded mixed faults, empty answers and an RPM limit it enforces per model and states in each provider's limit headers.
/// It records every request so tests can assert what a real SDK client sent, and bills like a provider does so tests
/// can assert what a run paid.
/// </summary>
public sealed class FakeProviderServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, RpmWindow> _windows = new(StringComparer.Ordinal);
    private readonly FakeBilling _billing = new();
    private int _requests;
    private int _tooMany;

    private FakeProviderServer(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
    }

    public FakeBehavior Behavior { get; } = new();

    /// <summary>OpenAI's Files + Batches endpoints, answering with <see cref="FakeBehavior.Reply"/> and billing on this invoice.</summary>
    public Batches.FakeOpenAIBatches OpenAIBatches { get; private set; } = null!;

    /// <summary>Anthropic's Message Batches endpoints, answering with <see cref="FakeBehavior.Reply"/> and billing on this invoice.</summary>
    public Batches.FakeAnthropicBatches AnthropicBatches { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The base address, e.g. <c>http://127.0.0.1:40123</c> (no trailing slash, no /v1).</summary>
    public string BaseUrl { get; private set; } = "";

    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>
    /// Every request the provider would bill: it produced an answer (200, including malformed and error-in-200 bodies)
    /// or the client left while it was working. Refusals (4xx, 5xx, 429) and resets before any work are not billed.
    /// </summary>
    public IReadOnlyList<BilledRequest> BilledRequests => _billing.Requests;

    /// <summary>The invoice: billed tokens at <paramref name="priceOf"/> (model name → list price).</summary>
    public decimal BilledUsd(Func<string, FakePrice> priceOf) => _billing.Usd(priceOf);

    /// <summary>Waits until <see cref="BilledRequests"/> satisfies <paramref name="condition"/>, or throws a TimeoutException.</summary>
    public Task WaitForBillingAsync(Func<IReadOnlyList<BilledRequest>, bool> condition, TimeSpan timeout, string what) =>
        _billing.WaitUntilAsync(condition, timeout, what);

    /// <summary>How many requests were answered 429 by the RPM limit or a queued fault.</summary>
    public int TooManyRequestsCount => Volatile.Read(ref _tooMany);

    public static async Task<FakeProviderServer> StartAsync(TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeProviderServer(app, time ?? TimeProvider.System);
        app.MapPost("/v1/chat/completions", context => server.Handle(context, new OpenAIChatFormat()));
        app.MapPost("/v1/messages", context => server.Handle(context, new AnthropicMessagesFormat()));
        app.MapPost("/v1beta/models/{model}:generateContent", context => server.Handle(context, new GeminiFormat()));
        server.OpenAIBatches = new Batches.FakeOpenAIBatches(server._billing, prompt => server.Behavior.Reply(prompt));
        server.OpenAIBatches.Map(app);
        server.AnthropicBatches = new Batches.FakeAnthropicBatches(server._billing, prompt => server.Behavior.Reply(prompt));
        server.AnthropicBatches.Map(app);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task Handle(HttpContext context, IWireFormat format)
    {
        var number = Interlocked.Increment(ref _requests);
        var aborted = context.RequestAborted;
        var body = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: aborted))?.AsObject() ?? [];
        Requests.Enqueue(new RecordedRequest(
            context.Request.Path + context.Request.QueryString,
            body,
            context.Request.Headers.ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString()),
            DateTimeOffset.UtcNow));

        // Providers limit each model separately.
        var model = (string?)body["model"] ?? context.Request.RouteValues["model"]?.ToString() ?? "";
        var window = _windows.GetOrAdd(model, _ => new RpmWindow(_time));
        if (!window.TryAccept(Behavior.RequestsPerMinute, out var wait, out var quota))
        {
            format.AddHeaders(context.Response.Headers, number, quota);
            await Fail(context, format, 429, "Rate limit reached for requests", wait);
            return;
        }

        var prompt = format.LastUserMessage(body);
        MeasuredUsage.Attach(body, Behavior, prompt);
        var fault = Behavior.TakeFault(model, prompt);
        if (fault?.Kind == FaultKind.Reset)
        {
            context.Abort();
            return;
        }

        // From here the provider is working (latency is its generation time): a client that leaves now is billed,
        // unless the request was going to be refused anyway.
        void Bill(BillingReason reason, bool empty = false) =>
            _billing.Bill(model, prompt, format.Usage(body, empty), reason);
        try
        {
            if (Behavior.NextLatency() is var latency && latency > TimeSpan.Zero)
            {
                await Task.Delay(latency, aborted);
            }

            if (fault?.Kind == FaultKind.Hang)
            {
                await Task.Delay(Timeout.Infinite, aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            if (fault?.Kind != FaultKind.Status)
            {
                Bill(BillingReason.Disconnected);
            }

            return;
        }

        switch (fault?.Kind)
        {
            case FaultKind.Status:
                await Fail(context, format, fault.Status, fault.Status == 429 ? "Rate limit reached" : "The server had an error while processing your request", fault.RetryAfter);
                return;
            case FaultKind.Malformed:
                Bill(BillingReason.Malformed);
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"id\": \"broken\", \"choices\": [", aborted);
                return;
            case FaultKind.ErrorIn200:
                Bill(BillingReason.ErrorIn200);
                await context.Response.WriteAsJsonAsync(format.Error(500, "The server had an error while processing your request"), aborted);
                return;
        }

        var empty = fault?.Kind == FaultKind.Empty;
        Bill(BillingReason.Answered, empty);
        format.AddHeaders(context.Response.Headers, number, quota);
        var answer = format.Answer(body, Behavior.Reply(prompt), empty, number);
        await context.Response.WriteAsJsonAsync(answer, aborted);
    }

    private async Task Fail(HttpContext context, IWireFormat format, int status, string message, TimeSpan? retryAfter)
    {
        if (status == 429)
        {
            Interlocked.Increment(ref _tooMany);
        }

        context.Response.StatusCode = status;
        if (retryAfter is { } after)
        {
            context.Response.Headers["retry-after"] = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["retry-after-ms"] = ((int)after.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        }

        await context.Response.WriteAsJsonAsync(format.Error(status, message), context.RequestAborted);
    }
}
