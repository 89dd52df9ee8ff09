using System.Text.Json.Nodes;

namespace ItemEval.FakeProviders.Batches;

/// <summary>One Anthropic Message Batch at the fake provider: its requests, its state and, once ended, its results.</summary>
internal sealed class FakeMessageBatch(string id, IReadOnlyList<JsonObject> requests, DateTimeOffset createdAt)
{
    public string Id { get; } = id;

    public IReadOnlyList<JsonObject> Requests { get; } = requests;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary><c>in_progress</c>, <c>canceling</c> or <c>ended</c>.</summary>
    public string Status { get; set; } = "in_progress";

    public int Reads { get; set; }

    public int Succeeded { get; set; }

    public int Errored { get; set; }

    public int Canceled { get; set; }

    public int Expired { get; set; }

    public DateTimeOffset? CancelInitiatedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The results JSONL, once ended.</summary>
    public byte[]? Results { get; set; }

    public bool Ended => Status == "ended";
}
