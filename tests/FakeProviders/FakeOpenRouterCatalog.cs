using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ItemEval.FakeProviders;

/// <summary>
/// OpenRouter's public model list on 127.0.0.1: <c>GET /api/v1/models</c> answers <c>{"data": [{"id", "name",
/// "pricing": {"prompt", "completion", "input_cache_read", "input_cache_write"}}]}</c> with prices in USD per token as
/// strings, as openrouter.ai does. Point <c>OPENROUTER_BASE_URL</c> at <see cref="BaseUrl"/>.
/// </summary>
public sealed class FakeOpenRouterCatalog : IAsyncDisposable
{
    private WebApplication _app = null!;
    private int _requests;

    /// <summary>The base URL with <c>/api/v1</c>, like OpenRouter's own.</summary>
    public string BaseUrl { get; private set; } = "";

    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>Model id → (prompt, completion, cache read or null) in USD per token, as strings on the wire.</summary>
    public Dictionary<string, (string Prompt, string Completion, string? CacheRead)> Models { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, every request is answered with this status and no catalog.</summary>
    public int? FailWith { get; set; }

    public static async Task<FakeOpenRouterCatalog> StartAsync()
    {
        var catalog = new FakeOpenRouterCatalog();
        var (app, baseUrl) = await LocalKestrel.StartAsync(app => app.MapGet("/api/v1/models", catalog.Handle));
        catalog._app = app;
        catalog.BaseUrl = baseUrl + "/api/v1";
        return catalog;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task Handle(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (FailWith is { } status)
        {
            context.Response.StatusCode = status;
            return;
        }

        var data = new JsonArray();
        foreach (var (id, price) in Models)
        {
            var pricing = new JsonObject { ["prompt"] = price.Prompt, ["completion"] = price.Completion, ["request"] = "0", ["image"] = "0" };
            if (price.CacheRead is { } cacheRead)
            {
                pricing["input_cache_read"] = cacheRead;
            }

            data.Add(new JsonObject { ["id"] = id, ["name"] = id, ["context_length"] = 128000, ["pricing"] = pricing });
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["data"] = data }.ToJsonString());
    }
}
