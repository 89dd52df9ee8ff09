namespace ItemEval.Bench;

/// <summary>
/// How a scale study's mock models answer: after <paramref name="LatencyMilliseconds"/>, at most
/// <paramref name="Concurrency"/> calls at once per model — the shape of a hosted model, where the calls, not the
/// tool, set a study's time.
/// </summary>
internal sealed record MockPace(int LatencyMilliseconds, int Concurrency);
