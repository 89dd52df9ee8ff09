namespace ItemEval.Runtime.Store;

/// <summary>A grading of the staged plan that still needs its grader: new, or errored last time.</summary>
public sealed record PlannedGrading(string GradingKey, string Grader, GradableSolution Solution);
