using System.Globalization;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Tests.Stages;

/// <summary>
/// ExpandGrid on a real store: it writes only the cells that changed, compares only the cells of conditions whose grid
/// fingerprint changed, and the stored grid is always the one an expansion from scratch stores.
/// </summary>
public sealed class ExpandGridStageTests
{
    [Fact]
    public void Editing_one_template_rekeys_exactly_its_cells_and_leaves_the_other_rows_untouched()
    {
        using var study = new TempStudy(items: 10);
        study.Prepare();
        var before = StoredCells(study);

        File.WriteAllText(Path.Combine(study.Directory, "prompts", "cot.txt"), "Reason it out. Q: {input}\n");
        var change = ExpandGridStage.Run(study.Context());

        var after = StoredCells(study);
        Assert.Equal(new DesignChange(20, 0, 10, 0, Compared: 10), change);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        var rekeyed = after.Where(cell => cell.Value.Key != before[cell.Key].Key).Select(cell => cell.Key).ToList();
        Assert.Equal(10, rekeyed.Count);
        Assert.All(rekeyed, cell => Assert.Contains("-cot-", cell, StringComparison.Ordinal));

        // Every row, changed or not, is still the row it was (updated in place, never deleted and inserted again).
        Assert.All(after, cell => Assert.Equal(before[cell.Key].RowId, cell.Value.RowId));
        Assert.Equal(ExpectedCells(study), after.ToDictionary(cell => cell.Key, cell => cell.Value.Key));
    }

    [Fact]
    public void An_unchanged_study_writes_no_cell()
    {
        using var study = new TempStudy(items: 10);
        study.Prepare();

        var change = ExpandGridStage.Run(study.Context());

        Assert.Equal(new DesignChange(20, 0, 0, 0, Compared: 0), change);
        Assert.Contains(study.Reporter.Lines, line => line.Contains("20 cells (0 new, 0 changed, 0 removed); 20 to generate, 0 already done", StringComparison.Ordinal));
    }

    [Fact]
    public void Fewer_items_remove_their_cells_and_more_epochs_add_cells_keeping_the_rest()
    {
        var yaml = LimitedStudy(limit: 10, epochs: 1);
        using var study = new TempStudy(items: 10, yaml: yaml);
        study.Prepare();
        var first = StoredCells(study);

        File.WriteAllText(study.StudyFile, LimitedStudy(limit: 6, epochs: 2));
        LockDatasetsStage.Run(study.Context());
        var change = ExpandGridStage.Run(study.Context());

        var after = StoredCells(study);
        Assert.Equal(new DesignChange(24, 12, 0, 8, Compared: 24), change);
        Assert.Equal(ExpectedCells(study), after.ToDictionary(cell => cell.Key, cell => cell.Value.Key));
        Assert.All(after.Where(cell => cell.Key.EndsWith("/1", StringComparison.Ordinal)), cell => Assert.Equal(first[cell.Key], cell.Value));
    }

    [Fact]
    public async Task After_a_template_edit_only_its_cells_are_pending_and_the_rest_stay_done()
    {
        using var study = new TempStudy(items: 10);
        study.Prepare();
        var client = new ScriptedClient((_, request, _) => Task.FromResult(ScriptedClient.Answer($"The answer is {request.Reference}.")));
        await GenerateStage.RunAsync(study.Context(), CancellationToken.None, new ModelClientRouter(_ => client));

        File.WriteAllText(Path.Combine(study.Directory, "prompts", "plain.txt"), "Question: {input}\n");
        ExpandGridStage.Run(study.Context());

        using var store = StudyStore.Open(study.Artifacts);
        var pending = store.Solutions.Pending();
        Assert.Equal(10, pending.Count);
        Assert.All(pending, cell => Assert.Contains("-plain-", cell.ConditionId, StringComparison.Ordinal));
        Assert.Equal(10, store.Solutions.PendingCount());
        Assert.Contains(study.Reporter.Lines, line => line.Contains("(0 new, 10 changed, 0 removed); 10 to generate, 10 already done", StringComparison.Ordinal));
    }

    [Fact]
    public void A_design_edit_past_the_grid_bound_fails_before_a_cell_is_written()
    {
        using var study = new TempStudy(items: 10);
        study.Prepare();

        // 2 models × 51 lanes × 2 templates × 10 items × 1,000 epochs = 2,040,000 cells: above StudyLimits.Cells, with
        // every other bound respected. LockDatasets would be up to date after this edit, so ExpandGrid must refuse it.
        var lanes = string.Join(", ", Enumerable.Range(1, 51).Select(lane => $"{{name: l{lane}, temperature: 0}}"));
        File.WriteAllText(study.StudyFile, $$"""
            name: tiny
            datasets:
              - name: quiz
                path: data/items.jsonl
                mapping: {id: id, input: question, target: answer, scheme: scheme}
            design:
              models:
                - {id: mock/a, lanes: [{{lanes}}]}
                - {id: mock/b, lanes: [{{lanes}}]}
              templates:
                - {name: plain, path: prompts/plain.txt}
                - {name: cot, path: prompts/cot.txt}
              epochs: 1000
            graders:
              - {name: numeric, type: numeric}
            budget:
              max_usd: 1
            """);
        var error = Assert.Throws<StudyException>(() => ExpandGridStage.Run(study.Context()));

        Assert.Equal(DiagnosticCodes.TooLarge, Assert.Single(error.Diagnostics).Code);
        Assert.Equal(20, StoredCells(study).Count);
    }

    private static string LimitedStudy(int limit, int epochs) => $$"""
        name: tiny
        datasets:
          - name: quiz
            path: data/items.jsonl
            limit: {{limit}}
            mapping: {id: id, input: question, target: answer, scheme: scheme}
        design:
          models:
            - id: mock/a
              lanes: [{name: cold, temperature: 0}]
          templates:
            - {name: plain, path: prompts/plain.txt}
            - {name: cot, path: prompts/cot.txt}
          epochs: {{epochs}}
        graders:
          - {name: numeric, type: numeric}
        budget:
          max_usd: 1
        """;

    /// <summary>The stored cells by "condition/item/epoch": their key and DuckDB rowid (which a rewrite would change).</summary>
    private static Dictionary<string, (string Key, long RowId)> StoredCells(TempStudy study)
    {
        using var store = StudyStore.Open(study.Artifacts);
        using var command = store.Connection.CreateCommand();
        command.CommandText = "SELECT condition_id || '/' || item_uid || '/' || epoch, cell_key, rowid FROM cells";
        using var reader = command.ExecuteReader();
        var cells = new Dictionary<string, (string, long)>(StringComparer.Ordinal);
        while (reader.Read())
        {
            cells.Add(reader.GetString(0), (reader.GetString(1), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture)));
        }

        return cells;
    }

    /// <summary>The grid as the expander computes it from scratch: the stored cells must equal it exactly.</summary>
    private static Dictionary<string, string> ExpectedCells(TempStudy study)
    {
        var loaded = LoadedStudy.Load(study.Context());
        using var store = StudyStore.Open(study.Artifacts);
        var items = store.Items.ByUid().Values.ToList();
        return GridExpander.Cells(loaded.Conditions, items, loaded.Config.Design.Epochs)
            .ToDictionary(cell => $"{cell.ConditionId}/{cell.ItemUid}/{cell.Epoch}", cell => cell.Key, StringComparer.Ordinal);
    }
}
