namespace ItemEval.Runtime.Store;

/// <summary>Which grading (by key) currently stands for a solution under a grader; exports join through it.</summary>
public sealed record GradingPlanEntry(string CellKey, string Grader, string GradingKey);
