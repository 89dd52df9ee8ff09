using ItemEval.Runtime.Grading;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Stages.Grade;
using ItemEval.Runtime.Store;
using ItemEval.Runtime.Tests.Stages;
using ItemEval.Runtime.Tests.Stages.Grade;

namespace ItemEval.Runtime.Tests.Store;

/// <summary>
/// Status's per-grader counts, read from the stored plan without staging it, on a real store: after each kind of change
/// the stored plan does not key yet, they are the counts of the plan computed from scratch (the in-memory rule).
/// </summary>
public sealed class PlannedGradingCounterTests
{
    [Fact]
    public async Task A_graded_study_counts_every_planned_grading_done()
    {
        using var study = await GradedStudies.Graded();

        Assert.Equal(new PlannedGradingCounts("numeric", 20, 20, 0, 0, 0, 0m, 0), Counted(study));
        Assert.Equal(FromScratch(study), Counted(study));
    }

    [Fact]
    public async Task New_solutions_the_plan_does_not_key_yet_count_as_pending()
    {
        using var study = await GradedStudies.Graded();
        File.WriteAllText(Path.Combine(study.Directory, "prompts", "cot.txt"), "Reason it out. Q: {input}\n");
        await GradedStudies.Regenerate(study);

        Assert.Equal(new PlannedGradingCounts("numeric", 20, 10, 10, 0, 0, 0m, 0), Counted(study));
        Assert.Equal(FromScratch(study), Counted(study));
    }

    [Fact]
    public async Task Gradings_stored_before_their_plan_rows_are_found_by_the_keys_computed_for_them()
    {
        // What a Grade stopped between storing its gradings and storing its plan leaves: gradings no plan row keys.
        using var study = await GradedStudies.Graded();
        using (var store = StudyStore.Open(study.Artifacts))
        {
            store.Connection.Execute("DELETE FROM grading_plan WHERE cell_key IN (SELECT cell_key FROM grading_plan ORDER BY cell_key LIMIT 7)");
        }

        Assert.Equal(new PlannedGradingCounts("numeric", 20, 20, 0, 0, 0, 0m, 0), Counted(study));
    }

    [Fact]
    public async Task A_changed_grader_counts_none_of_its_old_gradings()
    {
        using var study = await GradedStudies.Graded();
        File.WriteAllText(study.StudyFile, File.ReadAllText(study.StudyFile).Replace(
            "type: numeric", "type: numeric\n    options: {tolerance: 0.01}", StringComparison.Ordinal));

        Assert.Equal(new PlannedGradingCounts("numeric", 20, 0, 20, 0, 0, 0m, 0), Counted(study));
        Assert.Equal(FromScratch(study), Counted(study));
    }

    private static PlannedGradingCounts Counted(TempStudy study)
    {
        var loaded = LoadedStudy.Parse(study.Context());
        using var store = StudyStore.Open(study.Artifacts);
        return Assert.Single(GradeRunPlan.Count(loaded, store).SolutionCounts);
    }

    /// <summary>The plan as the in-memory planner computes it from scratch, against the stored gradings of its keys.</summary>
    private static PlannedGradingCounts FromScratch(TempStudy study)
    {
        var loaded = LoadedStudy.Parse(study.Context());
        using var store = StudyStore.Open(study.Artifacts);
        var stored = store.Connection.Query("SELECT grading_key, status FROM gradings", reader => (Key: reader.GetString(0), Status: reader.GetString(1)))
            .ToDictionary(row => row.Key, row => row.Status, StringComparer.Ordinal);
        var statuses = GradePlans.For(loaded, store).Solutions.Entries.Select(entry => stored.GetValueOrDefault(entry.GradingKey)).ToList();
        return new PlannedGradingCounts(
            "numeric",
            statuses.Count,
            statuses.Count(status => status == GradingStatus.Done),
            statuses.Count(status => status is null),
            statuses.Count(status => status == GradingStatus.ParseFailure),
            statuses.Count(status => status == GradingStatus.Error),
            0m,
            0);
    }
}
