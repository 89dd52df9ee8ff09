namespace ItemEval.Runtime.Store;

/// <summary>A grading of the staged plan that still needs its grader: new, or errored last time.</summary>
/// <param name="Stored">A grading is stored under the key (an errored one): storing the new one replaces it.</param>
public sealed record PlannedGrading(string GradingKey, string Grader, GradableSolution Solution, bool Stored = true);
