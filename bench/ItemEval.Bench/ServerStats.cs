namespace ItemEval.Bench;

/// <summary>The fake provider's own counters: every request it saw, the ones it answered 429, and its CPU time.</summary>
internal sealed record ServerStats(int Requests, int TooManyRequests, TimeSpan ProcessorTime);
