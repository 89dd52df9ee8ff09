namespace ItemEval.Runtime.Store;

/// <summary>Errored cells of one condition, with one example message to act on.</summary>
public sealed record ConditionFailures(string ConditionId, int Failed, int Cells, string FirstError);
