using ItemEval.Runtime.Design;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Tests.Stages;

/// <summary>
/// ExpandGrid after each kind of edit on a real store: only the cells of the conditions the edit touches are compared
/// (<see cref="DesignChange.Compared"/>), and the stored cells are exactly those the same study expanded from scratch
/// in a fresh store has.
/// </summary>
public sealed class ExpandGridEditsTests
{
    /// <summary>
    /// A study of 2 models × 2 templates × 10 items, 1 epoch, edited in study.yaml: one model's option (its 20 cells
    /// compared and rekeyed, the other model's untouched), a transport option (no key changes: nothing compared), more
    /// epochs (every condition compared, the new epochs' cells added).
    /// </summary>
    [Theory]
    [InlineData("accuracy: 0.9", 1, 40, 0, 20, 20)]
    [InlineData("accuracy: 0.8, rpm: 100", 1, 40, 0, 0, 0)]
    [InlineData("accuracy: 0.8", 3, 120, 80, 0, 120)]
    public void A_design_edit_compares_only_the_cells_of_the_conditions_it_touches(string optionA, int epochs, long cells, long added, long rekeyed, long compared)
    {
        using var study = new TempStudy(items: 10, yaml: TwoModels(optionA: "accuracy: 0.8", epochs: 1));
        study.Prepare();

        File.WriteAllText(study.StudyFile, TwoModels(optionA, epochs));
        var change = ExpandGridStage.Run(study.Context());

        Assert.Equal(new DesignChange(cells, added, rekeyed, Removed: 0, compared), change);
        Assert.Equal(FromScratch(study), StoredCells(study));
    }

    [Fact]
    public void An_edited_item_compares_every_condition_and_rekeys_only_that_items_cells()
    {
        using var study = new TempStudy(items: 10, yaml: TwoModels(optionA: "accuracy: 0.8", epochs: 1));
        study.Prepare();

        var data = Path.Combine(study.Directory, "data", "items.jsonl");
        File.WriteAllLines(data, File.ReadAllLines(data).Select(line => line.Replace("What is 3 + 3?", "What is 3 + 3, exactly?", StringComparison.Ordinal)));
        ResolveStage.Run(study.Context(new StageOptions(UpdateLocks: true)));
        LockDatasetsStage.Run(study.Context(new StageOptions(UpdateLocks: true)));
        var change = ExpandGridStage.Run(study.Context());

        Assert.Equal(new DesignChange(Cells: 40, Added: 0, Rekeyed: 4, Removed: 0, Compared: 40), change);
        Assert.Equal(FromScratch(study), StoredCells(study));
    }

    [Fact]
    public void A_removed_template_removes_its_cells_and_brings_them_back_when_it_returns()
    {
        using var study = new TempStudy(items: 10, yaml: TwoModels(optionA: "accuracy: 0.8", epochs: 1));
        study.Prepare();
        var original = StoredCells(study);

        File.WriteAllText(study.StudyFile, TwoModels(optionA: "accuracy: 0.8", epochs: 1, templates: "[{name: plain, path: prompts/plain.txt}]"));
        var removed = ExpandGridStage.Run(study.Context());

        Assert.Equal(new DesignChange(Cells: 20, Added: 0, Rekeyed: 0, Removed: 20, Compared: 0), removed);
        Assert.Equal(FromScratch(study), StoredCells(study));

        // Its fingerprint went with its cells: coming back, the template's cells are written again, not assumed stored.
        File.WriteAllText(study.StudyFile, TwoModels(optionA: "accuracy: 0.8", epochs: 1));
        var back = ExpandGridStage.Run(study.Context());

        Assert.Equal(new DesignChange(Cells: 40, Added: 20, Rekeyed: 0, Removed: 0, Compared: 20), back);
        Assert.Equal(original, StoredCells(study));
    }

    [Fact]
    public void Cells_written_as_a_list_leave_no_fingerprint_so_the_next_expansion_compares_every_cell()
    {
        using var study = new TempStudy(items: 10, yaml: TwoModels(optionA: "accuracy: 0.8", epochs: 1));
        study.Prepare();
        using (var store = StudyStore.Open(study.Artifacts))
        {
            var loaded = LoadedStudy.Load(study.Context());
            store.Design.Replace(loaded.Conditions, [new Cell(loaded.Conditions[0].Id, "quiz/q1", 1, "not-the-key")]);
        }

        var change = ExpandGridStage.Run(study.Context());

        Assert.Equal(new DesignChange(Cells: 40, Added: 39, Rekeyed: 1, Removed: 0, Compared: 40), change);
        Assert.Equal(FromScratch(study), StoredCells(study));
    }

    /// <param name="optionA">mock/a's options (mock/b keeps its own).</param>
    private static string TwoModels(string optionA, int epochs, string templates = "[{name: plain, path: prompts/plain.txt}, {name: cot, path: prompts/cot.txt}]") => $$"""
        name: tiny
        datasets:
          - name: quiz
            path: data/items.jsonl
            mapping: {id: id, input: question, target: answer, scheme: scheme}
        design:
          models:
            - {id: mock/a, options: {{{optionA}}}, lanes: [{name: cold, temperature: 0}]}
            - {id: mock/b, options: {accuracy: 0.5}, lanes: [{name: cold, temperature: 0}]}
          templates: {{templates}}
          epochs: {{epochs}}
        graders:
          - {name: numeric, type: numeric}
        budget:
          max_usd: 1
        """;

    /// <summary>The cells the same study (study.yaml, data, templates) stores when expanded from scratch in a fresh store.</summary>
    private static Dictionary<string, string> FromScratch(TempStudy study)
    {
        using var fresh = new TempStudy(items: 0);
        File.Copy(study.StudyFile, fresh.StudyFile, overwrite: true);
        File.Copy(Path.Combine(study.Directory, "data", "items.jsonl"), Path.Combine(fresh.Directory, "data", "items.jsonl"), overwrite: true);
        foreach (var template in Directory.GetFiles(Path.Combine(study.Directory, "prompts")))
        {
            File.Copy(template, Path.Combine(fresh.Directory, "prompts", Path.GetFileName(template)), overwrite: true);
        }

        fresh.Prepare();
        return StoredCells(fresh);
    }

    /// <summary>The stored cells: "condition/item/epoch" → cell key.</summary>
    private static Dictionary<string, string> StoredCells(TempStudy study)
    {
        using var store = StudyStore.Open(study.Artifacts);
        return store.Connection.Query(
                "SELECT condition_id || '/' || item_uid || '/' || epoch, cell_key FROM cells",
                reader => (Cell: reader.GetString(0), Key: reader.GetString(1)))
            .ToDictionary(row => row.Cell, row => row.Key, StringComparer.Ordinal);
    }
}
