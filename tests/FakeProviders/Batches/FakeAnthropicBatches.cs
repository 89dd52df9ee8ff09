using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ItemEval.FakeProviders.Batches;

/// <summary>
/// Anthropic's Message Batches API in its wire format: <c>POST /v1/messages/batches</c> (<c>{requests: [{custom_id,
/// params}]}</c>), <c>GET /v1/messages/batches/{id}</c>, <c>GET /v1/messages/batches?limit=</c>, <c>POST …/{id}/cancel</c>
/// and <c>GET …/{id}/results</c> (JSONL, only once the batch has ended). Every call needs <c>x-api-key</c> and
/// <c>anthropic-version</c>. A batch ends on a status read once <see cref="FakeBatchBehavior.PollsInProgress"/> reads have
/// passed; each request it answers is billed then at the batch rate, with the prompt cache its <c>cache_control</c> blocks
/// write or read (<see cref="FakeAnthropicPromptCache"/>); errored, expired and canceled ones are not.
/// </summary>
public sealed partial class FakeAnthropicBatches
{
    private readonly ConcurrentDictionary<string, FakeMessageBatch> _batches = new(StringComparer.Ordinal);
    private readonly FakeBilling _billing;
    private readonly Func<string, string> _reply;
    private readonly AnthropicMessagesFormat _format = new();
    private readonly FakeAnthropicPromptCache _cache = new();
    private int _created;

    internal FakeAnthropicBatches(FakeBilling billing, Func<string, string> reply)
    {
        _billing = billing;
        _reply = reply;
    }

    /// <summary>The same switches as OpenAI's fake; <see cref="FakeBatchBehavior.FailWhole"/> has no Anthropic counterpart and is ignored.</summary>
    public FakeBatchBehavior Behavior { get; } = new();

    /// <summary>How many batches were created (a resumed run that submits again shows up here).</summary>
    public int CreatedCount => Volatile.Read(ref _created);

    /// <summary>Every batch id with how many status reads it got.</summary>
    public IReadOnlyDictionary<string, int> Reads => _batches.ToDictionary(pair => pair.Key, pair => pair.Value.Reads, StringComparer.Ordinal);

    /// <summary>Every batch's requests as created, by batch id (to assert what a client sent as <c>params</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<JsonObject>> Requests =>
        _batches.ToDictionary(pair => pair.Key, pair => pair.Value.Requests, StringComparer.Ordinal);

    internal void Map(WebApplication app)
    {
        app.MapPost("/v1/messages/batches", (Delegate)(Func<HttpContext, Task<IResult>>)CreateAsync);
        app.MapGet("/v1/messages/batches/{id}", (HttpContext context, string id) => WithBatch(context, id, job =>
        {
            job.Reads++;
            Advance(job);
            return Results.Json(Describe(job, context));
        }));
        app.MapGet("/v1/messages/batches", (HttpContext context, int? limit) => Authorised(context) ?? Results.Json(List(context, limit ?? 20)));
        app.MapPost("/v1/messages/batches/{id}/cancel", (HttpContext context, string id) => WithBatch(context, id, job =>
        {
            if (!job.Ended)
            {
                job.Status = "canceling";
                job.CancelInitiatedAt ??= DateTimeOffset.UtcNow;
            }

            return Results.Json(Describe(job, context));
        }));
        app.MapGet("/v1/messages/batches/{id}/results", (HttpContext context, string id) => WithBatch(context, id, job => job.Results is { } results
            ? Results.Bytes(results, "application/x-jsonl")
            : Results.Json(_format.Error(400, $"Message Batch {id} has not ended yet; its results are not available"), statusCode: 400)));
    }

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        if (Authorised(context) is { } refused)
        {
            return refused;
        }

        var body = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))?.AsObject() ?? [];
        if (Behavior.RefuseCreation)
        {
            return Results.Json(_format.Error(500, "Internal server error"), statusCode: 500);
        }

        var requests = body["requests"] as JsonArray;
        var problem = requests is null || requests.Count == 0 ? "requests: at least one request is required" : Invalid(requests);
        if (problem is not null)
        {
            return Results.Json(_format.Error(400, problem), statusCode: 400);
        }

        var job = new FakeMessageBatch($"msgbatch_fake{Interlocked.Increment(ref _created)}", [.. requests!.Select(request => request!.AsObject())], DateTimeOffset.UtcNow);
        _batches[job.Id] = job;
        return Results.Json(Describe(job, context));
    }

    /// <summary>What the real API checks of each request: a well-formed, unique custom_id and the Messages fields it needs.</summary>
    private static string? Invalid(JsonArray requests)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            var customId = (string?)request?["custom_id"] ?? "";
            var parameters = request?["params"] as JsonObject;
            if (!CustomIdShape().IsMatch(customId) || !seen.Add(customId))
            {
                return $"requests: custom_id '{customId}' must match ^[a-zA-Z0-9_-]{{1,64}}$ and be unique within the batch";
            }

            if (parameters?["model"] is null || parameters["max_tokens"] is null || parameters["messages"] is not JsonArray)
            {
                return $"requests.{customId}.params: model, max_tokens and messages are required";
            }
        }

        return null;
    }

    /// <summary>The real API answers 401 without a key and 400 without a version header.</summary>
    private IResult? Authorised(HttpContext context) =>
        string.IsNullOrEmpty(context.Request.Headers["x-api-key"]) ? Results.Json(_format.Error(401, "x-api-key header is required"), statusCode: 401)
        : string.IsNullOrEmpty(context.Request.Headers["anthropic-version"]) ? Results.Json(_format.Error(400, "anthropic-version: header is required"), statusCode: 400)
        : null;

    private IResult WithBatch(HttpContext context, string id, Func<FakeMessageBatch, IResult> then)
    {
        if (Authorised(context) is { } refused)
        {
            return refused;
        }

        if (!_batches.TryGetValue(id, out var job))
        {
            return Results.Json(_format.Error(404, $"No Message Batch with id {id}"), statusCode: 404);
        }

        lock (job)
        {
            return then(job);
        }
    }

    private JsonObject List(HttpContext context, int limit)
    {
        var newestFirst = _batches.Values.OrderByDescending(job => job.CreatedAt).ThenByDescending(job => job.Id, StringComparer.Ordinal).Take(limit).ToList();
        var data = new JsonArray();
        foreach (var job in newestFirst)
        {
            lock (job)
            {
                data.Add(Describe(job, context));
            }
        }

        return new JsonObject
        {
            ["data"] = data, ["has_more"] = _batches.Count > limit,
            ["first_id"] = newestFirst.FirstOrDefault()?.Id, ["last_id"] = newestFirst.LastOrDefault()?.Id,
        };
    }

    private void Advance(FakeMessageBatch job)
    {
        if (job.Ended || (job.Status == "in_progress" && job.Reads <= Behavior.PollsInProgress))
        {
            return;
        }

        Finish(job);
    }

    /// <summary>
    /// Ends the batch: answers its requests (none when it was being canceled), bills the answered ones at the batch rate,
    /// and writes one result line per request — real results hold every request, expired and canceled ones included.
    /// </summary>
    private void Finish(FakeMessageBatch job)
    {
        var canceling = job.Status == "canceling";
        var answered = canceling ? 0 : Behavior.ExpireHalfDone ? job.Requests.Count / 2 : job.Requests.Count;
        var lines = new List<string>();
        for (var i = 0; i < job.Requests.Count; i++)
        {
            var customId = (string?)job.Requests[i]["custom_id"] ?? "";
            var parameters = job.Requests[i]["params"]!.AsObject();
            var prompt = _format.LastUserMessage(parameters);
            JsonObject result;
            if (i >= answered)
            {
                result = new JsonObject { ["type"] = canceling ? "canceled" : "expired" };
                _ = canceling ? job.Canceled++ : job.Expired++;
            }
            else if (Behavior.Fails(prompt))
            {
                result = new JsonObject { ["type"] = "errored", ["error"] = _format.Error(400, "max_tokens: 200 > 128, which is the maximum allowed") };
                job.Errored++;
            }
            else
            {
                var (read, written) = _cache.Use(parameters);
                var usage = _format.Usage(parameters, empty: false) with { CacheReadTokens = read, CacheWriteTokens = written };
                _billing.Bill((string?)parameters["model"] ?? "", prompt, usage, BillingReason.Batch);
                result = new JsonObject { ["type"] = "succeeded", ["message"] = Message(parameters, prompt, usage, job.Succeeded + job.Errored + 1) };
                job.Succeeded++;
            }

            lines.Add(new JsonObject { ["custom_id"] = customId, ["result"] = result }.ToJsonString());
        }

        if (Behavior.DuplicateLine && job.Succeeded > 0)
        {
            lines.Add(lines.First(line => line.Contains("\"succeeded\"", StringComparison.Ordinal)));
        }

        if (Behavior.UnknownLine && job.Requests.Count > 0)
        {
            var stray = new JsonObject { ["type"] = "succeeded", ["message"] = Message(job.Requests[0]["params"]!.AsObject(), "stray", new FakeUsage(0, 0), 0) };
            stray["message"]!["content"]![0]!["text"] = "stray";
            lines.Add(new JsonObject { ["custom_id"] = "not-in-this-batch", ["result"] = stray }.ToJsonString());
        }

        if (Behavior.Shuffle)
        {
            Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(lines));
        }

        job.Results = Encoding.UTF8.GetBytes(string.Concat(lines.Select(line => line + "\n")));
        job.Status = "ended";
        job.EndedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>The Message the interactive endpoint would answer, its usage what is billed (prompt cache counts included).</summary>
    private JsonObject Message(JsonObject parameters, string prompt, FakeUsage usage, int number)
    {
        var message = _format.Answer(parameters, _reply(prompt), empty: false, number);
        message["id"] = $"msg_fakebatch{number}_{Guid.NewGuid():N}";
        message["usage"]!["cache_read_input_tokens"] = usage.CacheReadTokens;
        message["usage"]!["cache_creation_input_tokens"] = usage.CacheWriteTokens;
        return message;
    }

    private static JsonObject Describe(FakeMessageBatch job, HttpContext context)
    {
        var processing = job.Ended ? 0 : job.Requests.Count;
        return new JsonObject
        {
            ["id"] = job.Id, ["type"] = "message_batch", ["processing_status"] = job.Status,
            ["request_counts"] = new JsonObject
            {
                ["processing"] = processing, ["succeeded"] = job.Succeeded, ["errored"] = job.Errored, ["canceled"] = job.Canceled, ["expired"] = job.Expired,
            },
            ["created_at"] = Time(job.CreatedAt), ["expires_at"] = Time(job.CreatedAt.AddHours(24)), ["ended_at"] = Time(job.EndedAt),
            ["cancel_initiated_at"] = Time(job.CancelInitiatedAt), ["archived_at"] = null,
            ["results_url"] = job.Ended ? $"{context.Request.Scheme}://{context.Request.Host}/v1/messages/batches/{job.Id}/results" : null,
        };
    }

    private static string? Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex CustomIdShape();
}
