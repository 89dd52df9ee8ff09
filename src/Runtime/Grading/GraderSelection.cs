using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;

namespace ItemEval.Runtime.Grading;

/// <summary>Which items a grader grades: all, or those of its scheme.</summary>
public static class GraderSelection
{
    public static bool AppliesTo(GraderConfig grader, Item item) =>
        grader.Scheme is null || string.Equals(grader.Scheme, item.Scheme, StringComparison.OrdinalIgnoreCase);
}
