namespace ItemEval.Runtime.Reporting;

/// <summary>Progress of one condition: how many cells are expected, done, failed, empty or still to run.</summary>
public sealed record ConditionStatus(string ConditionId, int Expected, int Done, int Errors, int Empty, int Pending, int Retries, decimal? Usd);
