namespace ItemEval.FakeProviders;

/// <summary>The tokens a wire format reports for an answer; <paramref name="OutputTokens"/> includes reasoning.</summary>
internal sealed record FakeUsage(int InputTokens, int OutputTokens);
