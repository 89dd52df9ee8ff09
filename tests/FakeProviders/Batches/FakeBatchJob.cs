using System.Text.Json.Nodes;

namespace ItemEval.FakeProviders.Batches;

/// <summary>One batch at the fake provider: its request lines, its state and, once finished, its output and error files.</summary>
internal sealed class FakeBatchJob(string id, string inputFileId, JsonObject? metadata, long createdAt)
{
    public string Id { get; } = id;

    public string InputFileId { get; } = inputFileId;

    public JsonObject? Metadata { get; } = metadata;

    public long CreatedAt { get; } = createdAt;

    public string Status { get; set; } = "validating";

    public int Reads { get; set; }

    public int Total { get; set; }

    public int Completed { get; set; }

    public int Failed { get; set; }

    public string? OutputFileId { get; set; }

    public string? ErrorFileId { get; set; }

    /// <summary>OpenAI's <c>errors</c> list of a batch that failed validation.</summary>
    public JsonObject? Errors { get; set; }

    public bool Finished => Status is "completed" or "expired" or "cancelled" or "failed";
}
