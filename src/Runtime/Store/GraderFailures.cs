namespace ItemEval.Runtime.Store;

/// <summary>Errored gradings of one grader in the current plan, with one example message to act on.</summary>
public sealed record GraderFailures(string Grader, int Failed, string FirstError);
