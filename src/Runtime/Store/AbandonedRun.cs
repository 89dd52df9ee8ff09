namespace ItemEval.Runtime.Store;

/// <summary>A run that was still <c>running</c> when the study lock was next taken: its process died mid-run.</summary>
public sealed record AbandonedRun(string RunId, string Target, DateTime StartedAt);
