namespace ItemEval.FakeProviders;

/// <summary>
/// The tokens a wire format reports for an answer; <paramref name="OutputTokens"/> includes reasoning. The cache counts
/// are Anthropic's: beside <paramref name="InputTokens"/> (which excludes them), each billed at its own rate.
/// </summary>
internal sealed record FakeUsage(int InputTokens, int OutputTokens, int CacheReadTokens = 0, int CacheWriteTokens = 0);
