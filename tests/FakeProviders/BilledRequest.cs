namespace ItemEval.FakeProviders;

/// <summary>One request the fake provider billed, with the tokens it would put on the invoice.</summary>
/// <param name="Prompt">The request's last user message: what a test counts duplicate payments by.</param>
/// <param name="OutputTokens">All output billed, reasoning included.</param>
/// <param name="CacheReadTokens">Input served from the prompt cache (Anthropic: beside <paramref name="InputTokens"/>).</param>
/// <param name="CacheWriteTokens">Input written to the prompt cache (Anthropic: beside <paramref name="InputTokens"/>).</param>
public sealed record BilledRequest(
    string Model, string Prompt, int InputTokens, int OutputTokens, BillingReason Reason, DateTimeOffset At, int CacheReadTokens = 0, int CacheWriteTokens = 0);
