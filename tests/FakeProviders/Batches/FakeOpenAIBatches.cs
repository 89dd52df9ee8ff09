using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ItemEval.FakeProviders.Batches;

/// <summary>
/// OpenAI's Files API (<c>POST /v1/files</c>, <c>GET /v1/files/{id}/content</c>) and Batch API (<c>POST /v1/batches</c>,
/// <c>GET /v1/batches/{id}</c>, <c>GET /v1/batches?limit=</c>, <c>POST /v1/batches/{id}/cancel</c>) in their wire format.
/// A batch finishes on a status read once <see cref="FakeBatchBehavior.PollsInProgress"/> reads have passed; every request
/// it completes is billed then, at the batch rate (<see cref="BillingReason.Batch"/>); failed and unfinished ones are not.
/// </summary>
public sealed class FakeOpenAIBatches
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeBatchJob> _batches = new(StringComparer.Ordinal);
    private readonly FakeBilling _billing;
    private readonly Func<string, string> _reply;
    private readonly OpenAIChatFormat _format = new();
    private int _created;
    private int _uploads;
    private int _fileIds;

    internal FakeOpenAIBatches(FakeBilling billing, Func<string, string> reply)
    {
        _billing = billing;
        _reply = reply;
    }

    public FakeBatchBehavior Behavior { get; } = new();

    /// <summary>How many batches were created (a resumed run that submits again shows up here).</summary>
    public int CreatedCount => Volatile.Read(ref _created);

    /// <summary>How many files were uploaded.</summary>
    public int UploadCount => Volatile.Read(ref _uploads);

    /// <summary>Every batch id in creation order, with how many status reads each got.</summary>
    public IReadOnlyDictionary<string, int> Reads => _batches.ToDictionary(pair => pair.Key, pair => pair.Value.Reads, StringComparer.Ordinal);

    internal void Map(WebApplication app)
    {
        app.MapPost("/v1/files", (Delegate)(Func<HttpContext, Task<IResult>>)UploadAsync);
        app.MapGet("/v1/files/{id}/content", (string id) => _files.TryGetValue(id, out var bytes)
            ? Results.Bytes(bytes, "application/octet-stream")
            : Results.Json(_format.Error(404, $"No such File object: {id}"), statusCode: 404));
        app.MapPost("/v1/batches", (Delegate)(Func<HttpContext, Task<IResult>>)CreateAsync);
        app.MapGet("/v1/batches/{id}", (string id) => WithBatch(id, job =>
        {
            lock (job)
            {
                job.Reads++;
                Advance(job);
                return Results.Json(Describe(job));
            }
        }));
        app.MapGet("/v1/batches", (int? limit) => Results.Json(List(limit ?? 20)));
        app.MapPost("/v1/batches/{id}/cancel", (string id) => WithBatch(id, job =>
        {
            lock (job)
            {
                if (!job.Finished)
                {
                    job.Status = "cancelled";
                }

                return Results.Json(Describe(job));
            }
        }));
    }

    private async Task<IResult> UploadAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var file = form.Files["file"];
        if (file is null || form["purpose"] != "batch")
        {
            return Results.Json(_format.Error(400, "file and purpose=batch are required"), statusCode: 400);
        }

        using var copy = new MemoryStream();
        await file.CopyToAsync(copy, context.RequestAborted);
        Interlocked.Increment(ref _uploads);
        var id = $"file-fake{Interlocked.Increment(ref _fileIds)}";
        _files[id] = copy.ToArray();
        return Results.Json(new JsonObject
        {
            ["id"] = id, ["object"] = "file", ["bytes"] = copy.Length, ["created_at"] = Now(),
            ["filename"] = file.FileName, ["purpose"] = "batch", ["status"] = "processed",
        });
    }

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))?.AsObject() ?? [];
        if (Behavior.RefuseCreation)
        {
            return Results.Json(_format.Error(500, "The server had an error while processing your request"), statusCode: 500);
        }

        var fileId = (string?)body["input_file_id"] ?? "";
        if (!_files.TryGetValue(fileId, out var input) || (string?)body["endpoint"] != "/v1/chat/completions" || (string?)body["completion_window"] != "24h")
        {
            return Results.Json(_format.Error(400, "input_file_id must name an uploaded file; endpoint /v1/chat/completions; completion_window 24h"), statusCode: 400);
        }

        var job = new FakeBatchJob($"batch_fake{Interlocked.Increment(ref _created)}", fileId, body["metadata"]?.DeepClone().AsObject(), Now())
        {
            Total = Lines(input).Count(),
        };
        _batches[job.Id] = job;
        return Results.Json(Describe(job));
    }

    private IResult WithBatch(string id, Func<FakeBatchJob, IResult> then) =>
        _batches.TryGetValue(id, out var job) ? then(job) : Results.Json(_format.Error(404, $"No such Batch object: {id}"), statusCode: 404);

    private JsonObject List(int limit)
    {
        var newestFirst = _batches.Values.OrderByDescending(job => job.CreatedAt).ThenByDescending(job => job.Id, StringComparer.Ordinal).Take(limit).ToList();
        var data = new JsonArray();
        foreach (var job in newestFirst)
        {
            lock (job)
            {
                data.Add(Describe(job));
            }
        }

        return new JsonObject
        {
            ["object"] = "list", ["data"] = data, ["first_id"] = newestFirst.FirstOrDefault()?.Id,
            ["last_id"] = newestFirst.LastOrDefault()?.Id, ["has_more"] = _batches.Count > limit,
        };
    }

    private void Advance(FakeBatchJob job)
    {
        if (job.Finished)
        {
            return;
        }

        if (job.Reads <= Behavior.PollsInProgress)
        {
            job.Status = "in_progress";
            return;
        }

        if (Behavior.FailWhole)
        {
            job.Status = "failed";
            job.Errors = new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray(new JsonObject { ["code"] = "invalid_json_line", ["message"] = "This line is not parseable as valid JSON.", ["param"] = null, ["line"] = 1 }),
            };
            return;
        }

        Finish(job);
    }

    /// <summary>Answers the batch's requests, bills the completed ones at the batch rate and writes the output and error files.</summary>
    private void Finish(FakeBatchJob job)
    {
        var requests = Lines(_files[job.InputFileId]).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
        var answered = Behavior.ExpireHalfDone ? requests.Take(requests.Count / 2).ToList() : requests;
        var output = new List<string>();
        var errors = new List<string>();
        foreach (var request in answered)
        {
            var customId = (string?)request["custom_id"] ?? "";
            var body = request["body"]!.AsObject();
            var prompt = _format.LastUserMessage(body);
            if (Behavior.Fails(prompt))
            {
                errors.Add(Line(customId, 400, _format.Error(400, "Invalid value for 'max_completion_tokens'")));
                job.Failed++;
                continue;
            }

            var number = job.Completed + job.Failed + 1;
            _billing.Bill((string?)body["model"] ?? "", prompt, _format.Usage(body, empty: false), BillingReason.Batch);
            output.Add(Line(customId, 200, _format.Answer(body, _reply(prompt), empty: false, number)));
            job.Completed++;
        }

        if (Behavior.DuplicateLine && output.Count > 0)
        {
            output.Add(output[0]);
        }

        if (Behavior.UnknownLine && answered.Count > 0)
        {
            var body = answered[0]["body"]!.AsObject();
            output.Add(Line("not-in-this-batch", 200, _format.Answer(body, "stray", empty: false, 0)));
        }

        if (Behavior.Shuffle)
        {
            Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(output));
        }

        job.OutputFileId = output.Count > 0 ? Store(output) : null;
        job.ErrorFileId = errors.Count > 0 ? Store(errors) : null;
        job.Status = Behavior.ExpireHalfDone ? "expired" : "completed";
    }

    private string Store(List<string> lines)
    {
        var id = $"file-fake{Interlocked.Increment(ref _fileIds)}";
        _files[id] = Encoding.UTF8.GetBytes(string.Concat(lines.Select(line => line + "\n")));
        return id;
    }

    private static string Line(string customId, int status, JsonObject body) => new JsonObject
    {
        ["id"] = $"batch_req_{Guid.NewGuid():N}",
        ["custom_id"] = customId,
        ["response"] = new JsonObject { ["status_code"] = status, ["request_id"] = $"req_{Guid.NewGuid():N}", ["body"] = body },
        ["error"] = null,
    }.ToJsonString();

    private static JsonObject Describe(FakeBatchJob job) => new()
    {
        ["id"] = job.Id, ["object"] = "batch", ["endpoint"] = "/v1/chat/completions", ["errors"] = job.Errors?.DeepClone(),
        ["input_file_id"] = job.InputFileId, ["completion_window"] = "24h", ["status"] = job.Status,
        ["output_file_id"] = job.OutputFileId, ["error_file_id"] = job.ErrorFileId, ["created_at"] = job.CreatedAt,
        ["in_progress_at"] = null, ["expires_at"] = job.CreatedAt + 86_400, ["finalizing_at"] = null, ["completed_at"] = null,
        ["failed_at"] = null, ["expired_at"] = null, ["cancelling_at"] = null, ["cancelled_at"] = null,
        ["request_counts"] = new JsonObject { ["total"] = job.Total, ["completed"] = job.Completed, ["failed"] = job.Failed },
        ["metadata"] = job.Metadata?.DeepClone(),
    };

    private static IEnumerable<string> Lines(byte[] file) =>
        Encoding.UTF8.GetString(file).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
