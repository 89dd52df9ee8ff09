using System.Globalization;
using ItemEval.Runtime.Grading;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Stages.Grade;
using ItemEval.Runtime.Store;
using ItemEval.Runtime.Tests.Grading;

namespace ItemEval.Runtime.Tests.Stages.Grade;

/// <summary>
/// Grade after a change to a graded study, on a real store: it grades only what the change made pending, writes only
/// the plan rows that changed, and the stored plan is the one planned from scratch.
/// </summary>
public sealed class GradeRunPlanTests
{
    [Fact]
    public async Task An_edited_template_grades_only_its_new_solutions_and_leaves_the_other_rows_as_they_were()
    {
        using var study = await GradedStudies.Graded();
        var planBefore = PlanRows(study);
        var gradingsBefore = GradingRows(study);

        File.WriteAllText(Path.Combine(study.Directory, "prompts", "cot.txt"), "Reason it out. Q: {input}\n");
        await GradedStudies.Regenerate(study);
        var counting = Passing();
        var result = await GradeStage.RunAsync(study.Context(), CancellationToken.None, GraderRegistry.Default.With(counting));

        var planAfter = PlanRows(study);
        var gradingsAfter = GradingRows(study);
        Assert.Equal((10, 20), (result.NewGradings, result.PlannedGradings));
        Assert.Equal(10, counting.Asked.Count);
        Assert.All(counting.Asked, context => Assert.DoesNotContain(context.CellKey, planBefore.Keys.Select(row => row.Cell)));

        // Only the cot rows were written (ten removed, ten added); the plain template's ten rows keep their keys. (Their
        // rowids may move: DuckDB compacts a table with deleted rows at a checkpoint, grading_plan having no index.)
        Assert.Equal(new PlanChange(20, Added: 10, Rekeyed: 0, Removed: 10), result.Plan);
        var kept = planAfter.Where(row => planBefore.ContainsKey(row.Key)).ToList();
        Assert.Equal(10, kept.Count);
        Assert.All(kept, row => Assert.Equal(planBefore[row.Key].GradingKey, row.Value.GradingKey));
        Assert.All(gradingsBefore, grading => Assert.Equal(grading.Value, gradingsAfter[grading.Key]));
        Assert.Equal(30, gradingsAfter.Count);
        Assert.Equal(FromScratch(study), planAfter.ToDictionary(row => row.Key, row => row.Value.GradingKey));
    }

    [Fact]
    public async Task An_added_model_grades_only_its_solutions_and_adds_its_rows_without_writing_the_others()
    {
        using var study = await GradedStudies.Graded();
        var planBefore = PlanRows(study);
        var gradingsBefore = GradingRows(study);

        var (result, _) = await GradeAfterEditing(study, "  templates:", "    - id: mock/b\n      lanes:\n        - name: cold\n          temperature: 0\n  templates:");

        var planAfter = PlanRows(study);
        Assert.Equal((20, 40), (result.NewGradings, result.PlannedGradings));
        Assert.Equal(new PlanChange(40, Added: 20, Rekeyed: 0, Removed: 0), result.Plan);
        var gradingsAfter = GradingRows(study);
        Assert.All(planBefore, row => Assert.Equal(row.Value, planAfter[row.Key]));
        Assert.All(gradingsBefore, grading => Assert.Equal(grading.Value, gradingsAfter[grading.Key]));
        Assert.Equal(FromScratch(study), planAfter.ToDictionary(row => row.Key, row => row.Value.GradingKey));
    }

    [Fact]
    public async Task A_removed_template_deletes_its_plan_rows_and_leaves_the_others_as_they_were()
    {
        using var study = await GradedStudies.Graded();
        var planBefore = PlanRows(study);

        var (result, counting) = await GradeAfterEditing(study, "    - name: cot\n      path: prompts/cot.txt\n", "");

        var planAfter = PlanRows(study);
        Assert.Equal((0, 10), (result.NewGradings, result.PlannedGradings));
        Assert.Empty(counting.Asked);
        Assert.Equal(new PlanChange(10, Added: 0, Rekeyed: 0, Removed: 10), result.Plan);
        Assert.All(planAfter, row => Assert.Equal(planBefore[row.Key].GradingKey, row.Value.GradingKey));
        Assert.Equal(FromScratch(study), planAfter.ToDictionary(row => row.Key, row => row.Value.GradingKey));
    }

    [Fact]
    public async Task A_changed_grader_rekeys_its_plan_rows_in_place_and_grades_them_again()
    {
        using var study = await GradedStudies.Graded();
        var planBefore = PlanRows(study);

        File.WriteAllText(study.StudyFile, File.ReadAllText(study.StudyFile).Replace(
            "type: numeric", "type: numeric\n    options: {tolerance: 0.01}", StringComparison.Ordinal));
        var counting = Passing();
        var result = await GradeStage.RunAsync(study.Context(), CancellationToken.None, GraderRegistry.Default.With(counting));

        var planAfter = PlanRows(study);
        Assert.Equal((20, 20), (result.NewGradings, result.PlannedGradings));
        Assert.Equal(new PlanChange(20, Added: 0, Rekeyed: 20, Removed: 0), result.Plan);
        Assert.Equal(planBefore.Keys.Order(), planAfter.Keys.Order());
        Assert.All(planAfter, row => Assert.Equal(planBefore[row.Key].RowId, row.Value.RowId));
        Assert.All(planAfter, row => Assert.NotEqual(planBefore[row.Key].GradingKey, row.Value.GradingKey));
        Assert.Equal(FromScratch(study), planAfter.ToDictionary(row => row.Key, row => row.Value.GradingKey));
    }

    [Fact]
    public async Task An_unchanged_study_grades_nothing_and_writes_no_plan_row()
    {
        using var study = await GradedStudies.Graded();
        var planBefore = PlanRows(study);
        var counting = Passing();

        var result = await GradeStage.RunAsync(study.Context(), CancellationToken.None, GraderRegistry.Default.With(counting));

        Assert.Equal((0, 20), (result.NewGradings, result.PlannedGradings));
        Assert.Empty(counting.Asked);
        Assert.Equal(new PlanChange(20, Added: 0, Rekeyed: 0, Removed: 0), result.Plan);
        Assert.Equal(planBefore, PlanRows(study));
    }

    [Fact]
    public async Task A_planned_row_whose_grading_is_gone_is_graded_again_and_the_plan_is_left_as_it_was()
    {
        // The plan is kept as its difference from the stored one: stored rows still wanted are not re-read unless
        // ungraded, so a stored row with no grading standing for it (a judge batch still out, a grading lost) must
        // still come back as pending.
        using var study = await GradedStudies.Graded();
        var planBefore = PlanRows(study);
        var gone = planBefore.Values.Select(row => row.GradingKey).Order(StringComparer.Ordinal).Take(3).ToList();
        using (var store = StudyStore.Open(study.Artifacts))
        {
            foreach (var key in gone)
            {
                Assert.Equal(1, store.Connection.Execute("DELETE FROM gradings WHERE grading_key = $key", ("key", key)));
            }
        }

        var counting = Passing();
        var result = await GradeStage.RunAsync(study.Context(), CancellationToken.None, GraderRegistry.Default.With(counting));

        Assert.Equal((3, 20), (result.NewGradings, result.PlannedGradings));
        var regraded = counting.Asked.Select(context => planBefore.Single(row => row.Key.Cell == context.CellKey).Value.GradingKey).Order(StringComparer.Ordinal);
        Assert.Equal(gone, regraded);
        Assert.Equal(planBefore, PlanRows(study));
        Assert.Equal(20, GradingRows(study).Count);
    }

    [Fact]
    public async Task A_retried_grading_replaces_its_errored_row_and_a_new_one_is_stored_without_looking_for_one()
    {
        // Storing a grading deletes a row under its key only when the plan saw one (GradingRecord.ReplacesStored): the
        // errored grading is marked as stored, the edited template's new gradings are not, and every key ends with one row.
        using var study = new TempStudy(items: 10);
        study.Prepare();
        await GradedStudies.Regenerate(study);
        var flaky = new ScriptedGrader("numeric", (_, context, _) => context.Item.Id == "q2"
            ? throw new InvalidOperationException("judge unreachable")
            : Task.FromResult(ScriptedGrader.Pass));
        await GradeStage.RunAsync(study.Context(), CancellationToken.None, GraderRegistry.Default.With(flaky));
        File.WriteAllText(Path.Combine(study.Directory, "prompts", "cot.txt"), "Reason it out. Q: {input}\n");
        await GradedStudies.Regenerate(study);

        List<(string Item, bool Replaces)> pending;
        using (var store = StudyStore.Open(study.Artifacts))
        using (var plan = GradeRunPlan.Stage(LoadedStudy.Load(study.Context()), store))
        {
            pending = plan.Pending.Select(grading => (grading.Item.Id, grading.ReplacesStored)).ToList();
        }

        var result = await GradeStage.RunAsync(study.Context(), CancellationToken.None, GraderRegistry.Default.With(Passing()));

        // The plain template's errored q2, and the ten solutions of the edited cot template (its q2 among them).
        Assert.Equal(11, pending.Count);
        Assert.Equal([("q2", true)], pending.Where(grading => grading.Replaces));
        Assert.Equal((11, 0), (result.NewGradings, result.FailedGradings));
        using var after = StudyStore.Open(study.Artifacts);
        Assert.Equal(
            (30L, 30L, 1L), // the one errored row left is the old cot q2's, out of the plan since the edit
            after.Connection.Query(
                    "SELECT count(*), count(DISTINCT grading_key), count(*) FILTER (WHERE status = 'error') FROM gradings",
                    reader => (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture)))
                .Single());
    }

    /// <summary>Replaces <paramref name="text"/> in study.yaml (it must be there), then runs the targets up to Grade.</summary>
    private static async Task<(GradeResult Result, ScriptedGrader Grader)> GradeAfterEditing(TempStudy study, string text, string replacement)
    {
        var yaml = File.ReadAllText(study.StudyFile);
        Assert.Contains(text, yaml, StringComparison.Ordinal);
        File.WriteAllText(study.StudyFile, yaml.Replace(text, replacement, StringComparison.Ordinal));
        await GradedStudies.Regenerate(study);
        var counting = Passing();
        return (await GradeStage.RunAsync(study.Context(), CancellationToken.None, GraderRegistry.Default.With(counting)), counting);
    }

    private static ScriptedGrader Passing() => new("numeric", (_, _, _) => Task.FromResult(ScriptedGrader.Pass));

    /// <summary>The stored plan by (cell, grader): its grading key and DuckDB rowid (which a rewrite would change).</summary>
    private static Dictionary<(string Cell, string Grader), (string GradingKey, long RowId)> PlanRows(TempStudy study)
    {
        using var store = StudyStore.Open(study.Artifacts);
        return store.Connection.Query(
                "SELECT cell_key, grader, grading_key, rowid FROM grading_plan",
                reader => (Key: (reader.GetString(0), reader.GetString(1)), Value: (reader.GetString(2), Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture))))
            .ToDictionary(row => row.Key, row => row.Value);
    }

    /// <summary>The stored gradings by key: rowid and when each was written (a re-grade would change both).</summary>
    private static Dictionary<string, (long RowId, DateTime Created)> GradingRows(TempStudy study)
    {
        using var store = StudyStore.Open(study.Artifacts);
        return store.Connection.Query(
                "SELECT grading_key, rowid, created_at FROM gradings",
                reader => (Key: reader.GetString(0), Value: (Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture), reader.GetDateTime(2))))
            .ToDictionary(row => row.Key, row => row.Value, StringComparer.Ordinal);
    }

    /// <summary>The plan as the in-memory planner (Status's and the estimate's) computes it from scratch.</summary>
    private static Dictionary<(string Cell, string Grader), string> FromScratch(TempStudy study)
    {
        var loaded = LoadedStudy.Load(study.Context());
        using var store = StudyStore.Open(study.Artifacts);
        return GradePlans.For(loaded, store).Solutions.Entries.ToDictionary(entry => (entry.CellKey, entry.Grader), entry => entry.GradingKey);
    }
}
