using System.Text.Json.Nodes;

namespace ItemEval.FakeProviders;

/// <summary>One request the fake server received: path, parsed body and headers (lower-case names).</summary>
public sealed record RecordedRequest(string Path, JsonObject Body, IReadOnlyDictionary<string, string> Headers, DateTimeOffset At);
