using System.Text.Json.Nodes;

namespace ItemEval.FakeProviders;

/// <summary>One provider's request and response shapes.</summary>
internal interface IWireFormat
{
    string LastUserMessage(JsonObject body);

    /// <summary>A successful answer (an empty one when <paramref name="empty"/>: the budget ran out).</summary>
    JsonObject Answer(JsonObject body, string text, bool empty, int requestNumber);

    JsonObject Error(int status, string message);

    /// <summary>The tokens <see cref="Answer"/> reports for this request, i.e. what the provider bills for it.</summary>
    FakeUsage Usage(JsonObject body, bool empty);

    /// <summary>Headers this provider sends with every answer (rate-limit state when there is a limit, request id).</summary>
    void AddHeaders(IDictionary<string, Microsoft.Extensions.Primitives.StringValues> headers, int requestNumber, RequestQuota? quota);
}
