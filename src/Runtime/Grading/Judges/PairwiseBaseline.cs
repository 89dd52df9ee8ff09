using ItemEval.Runtime.Config;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Stages;

namespace ItemEval.Runtime.Grading.Judges;

/// <summary>
/// A pairwise judge's <c>against:</c> names a condition by its id (<c>mock-careful-t0-direct-1a2b3c4d</c>) or by the
/// id without its hash (<c>mock-careful-t0-direct</c>), so a study file stays readable.
/// </summary>
public static class PairwiseBaseline
{
    public static Condition? Resolve(string against, IReadOnlyList<Condition> conditions) =>
        conditions.FirstOrDefault(condition => condition.Id == against)
        ?? conditions.FirstOrDefault(condition => condition.Id.Length > 9 && condition.Id[..^9] == against);

    /// <summary>An <c>against</c> that names no condition fails when the study loads, before anything is spent.</summary>
    public static void Check(LoadedStudy study)
    {
        var problems = study.Config.Graders
            .Where(grader => grader.Judge?.Against is { } against && Resolve(against, study.Conditions) is null)
            .Select(grader => Diagnostic.Error(
                DiagnosticCodes.InvalidValue,
                $"grader '{grader.Name}': against '{grader.Judge!.Against}' is not a condition; conditions are {string.Join(", ", study.Conditions.Select(condition => condition.Id[..^9]))}",
                grader.Location))
            .ToList();
        if (problems.Count > 0)
        {
            throw new StudyException(problems);
        }
    }
}
