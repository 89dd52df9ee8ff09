namespace ItemEval.Runtime.Providers;

/// <summary>What came back from one call.</summary>
/// <param name="FinishReason">stop, length, content_filter, … as the provider said it.</param>
public sealed record ModelResponse(
    string Text,
    string FinishReason,
    TokenUsage Usage,
    TimeSpan Latency,
    string? ProviderRequestId = null);
