using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;

namespace ItemEval.Runtime.Grading;

/// <summary>Which items a grader grades: all, or those of its scheme.</summary>
public static class GraderSelection
{
    public static bool AppliesTo(GraderConfig grader, Item item) => AppliesTo(grader, item.Scheme);

    /// <summary>Whether the grader grades items of <paramref name="scheme"/> (null: items without one).</summary>
    public static bool AppliesTo(GraderConfig grader, string? scheme) =>
        grader.Scheme is null || string.Equals(grader.Scheme, scheme, StringComparison.OrdinalIgnoreCase);
}
