using System.Text.Json;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Batches;

/// <summary>
/// What the batch executor needs from a provider's batch API: how a request line is written, how a batch is put there
/// (an upload first, for OpenAI), polled, found again after a kill, cancelled, and how its results are read back.
/// </summary>
internal interface IProviderBatchApi : IDisposable
{
    /// <summary>How much one batch may hold at this provider.</summary>
    BatchLimits Limits { get; }

    /// <summary>Writes one request of the input file as one JSON object (one JSONL line).</summary>
    void WriteRequest(Utf8JsonWriter json, string customId, string modelName, ModelRequest request, LaneParameters effective);

    /// <summary>Uploads the input file when the provider takes it as a file; returns its id to store, or null (no upload step).</summary>
    Task<string?> UploadAsync(string path, CancellationToken cancellationToken);

    /// <summary>Creates the batch from the input file (or the uploaded file's id), tagged with our submission where the provider allows it.</summary>
    Task<ProviderBatch> CreateAsync(string path, string? inputFileId, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken);

    Task<ProviderBatch> GetAsync(string batchId, CancellationToken cancellationToken);

    Task<ProviderBatch> CancelAsync(string batchId, CancellationToken cancellationToken);

    /// <summary>Looks for the batch a run created for <paramref name="lost"/> but was killed before storing its id.</summary>
    Task<BatchSearch> FindCreatedAsync(LostSubmission lost, CancellationToken cancellationToken);

    /// <summary>An ended batch's result sources (output and error files, or a results URL), each read as a stream of JSONL.</summary>
    IReadOnlyList<string> ResultSources(ProviderBatch ended);

    Task<Stream> OpenResultsAsync(string source, CancellationToken cancellationToken);

    /// <summary>One result line in this provider's format (throws JsonException when it is not JSON).</summary>
    BatchResultLine ParseResult(string line);
}

/// <summary>A submission stored without the provider's batch id: what is known to recognise its batch by.</summary>
/// <param name="CustomIds">The custom_ids of its requests.</param>
/// <param name="Claimed">Provider batch ids other submissions of this study already hold.</param>
internal sealed record LostSubmission(string SubmissionId, int Cells, DateTime CreatedAtUtc, IReadOnlySet<string> CustomIds, IReadOnlySet<string> Claimed);

/// <summary>What the search for a lost submission's batch found.</summary>
/// <param name="Found">Its batch, or null.</param>
/// <param name="Undecided">Several batches could be it and none can be told apart yet: neither adopt nor abandon; look again next run.</param>
internal sealed record BatchSearch(ProviderBatch? Found, bool Undecided = false);
