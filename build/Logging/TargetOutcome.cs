namespace ItemEval.Build.Logging;

/// <summary>One public target's row in the summary table.</summary>
/// <param name="Errors">Errors the target reported while it ran.</param>
internal sealed record TargetOutcome(string Name, TargetStatus Status, TimeSpan Duration, int Errors = 0);
