using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Store;

/// <summary>A per-solution grader as Grade's plan sees it.</summary>
/// <param name="Key">What the grader puts into its gradings' keys besides the solution: while it is the one stored, the
/// grader's planned keys stand and are not computed again.</param>
/// <param name="Schemes">The item schemes (null: items without one) it grades.</param>
public sealed record PlannedGrader(GraderConfig Config, string Key, IReadOnlyList<string?> Schemes);
