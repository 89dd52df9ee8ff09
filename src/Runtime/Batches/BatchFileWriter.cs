using System.Buffers;
using System.Text.Json;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Catalog;

namespace ItemEval.Runtime.Batches;

/// <summary>
/// Writes one model's requests (cells, judge calls) into a JSONL input file, a line at a time straight to disk, and stops at the first limit
/// reached: the provider's request count or byte size, or the money left under <c>max_usd</c> (so the part that fits
/// goes and the rest waits). The next file starts where this one stopped.
/// </summary>
internal static class BatchFileWriter
{
    /// <param name="worstCase">A request's worst case at the batch rate.</param>
    /// <param name="room">What may still be reserved (null: no cap).</param>
    public static BatchFile Write<TRequest>(
        string path, IReadOnlyList<TRequest> requests, int start, IProviderBatchApi api, BatchLimits limits, Func<ModelRequest, decimal> worstCase, decimal? room)
        where TRequest : IBatchRequest
    {
        var entries = new List<BatchEntry>();
        var worst = 0m;
        long bytes = 0;
        var line = new ArrayBufferWriter<byte>(4096);
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var json = new Utf8JsonWriter(line))
        {
            for (var i = start; i < requests.Count && entries.Count < limits.MaxRequests; i++)
            {
                var planned = requests[i];
                var model = planned.Model;
                var request = planned.Request();
                var cost = worstCase(request);
                if (room is { } left && worst + cost > left)
                {
                    break;
                }

                var customId = BatchCustomId.For(planned.Key);
                line.Clear();
                json.Reset();
                api.WriteRequest(json, customId, model.ModelName, request, ParameterPolicy.Effective(model.Provider, model.ModelName, request.Parameters));
                json.Flush();
                if (bytes + line.WrittenCount + 1 > limits.MaxBytes)
                {
                    break;
                }

                file.Write(line.WrittenSpan);
                file.WriteByte((byte)'\n');
                bytes += line.WrittenCount + 1;
                worst += cost;
                entries.Add(new BatchEntry(customId, planned.Key));
            }
        }

        return new BatchFile(path, entries, worst, bytes);
    }
}
