namespace ItemEval.Build.Logging;

/// <summary>One public target's row in the summary table.</summary>
internal sealed record TargetOutcome(string Name, TargetStatus Status, TimeSpan Duration);
