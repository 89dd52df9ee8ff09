namespace ItemEval.Bench;

/// <summary>One run of a benchmark study: how long Generate took, what the provider saw, how the cells ended.</summary>
internal sealed record StudyRunResult(string Name, TimeSpan Wall, int Requests, int TooManyRequests, int Done, int Failed);
