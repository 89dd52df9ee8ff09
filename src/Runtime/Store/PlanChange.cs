namespace ItemEval.Runtime.Store;

/// <summary>What bringing the stored grading plan up to the wanted one changed: only these rows were written.</summary>
/// <param name="Rows">Plan rows (a solution under a grader) in the wanted plan.</param>
/// <param name="Added">Rows new to the plan (a new solution, or a grader new to it).</param>
/// <param name="Rekeyed">Rows whose grading key changed (their grader's configuration changed), updated in place.</param>
/// <param name="Removed">Rows no longer planned.</param>
public sealed record PlanChange(long Rows, long Added, long Rekeyed, long Removed);
