using ItemEval.Runtime.Design;

namespace ItemEval.Runtime.Stages;

/// <summary>Crosses the stored items with the design into conditions and cells, and says how much is left to run.</summary>
public static class ExpandGridStage
{
    public static DesignGrid Run(StageContext context)
    {
        var study = LoadedStudy.Load(context);
        using var run = StageRun.Begin(context, study.Config.Name, "ExpandGrid");
        var items = run.Store.Items.ByUid().Values.OrderBy(item => item.Uid, StringComparer.Ordinal).ToList();
        var grid = new DesignGrid(study.Conditions, GridExpander.Cells(study.Conditions, items, study.Config.Design.Epochs));
        run.Store.InTransaction(() => run.Store.Design.Replace(grid.Conditions, grid.Cells));
        var pending = run.Store.Solutions.Pending(study.Config.Design.RerunEmpty).Count;
        context.Reporter.Info(
            $"{grid.Conditions.Count} conditions × {items.Count} items × {study.Config.Design.Epochs} epoch(s) = " +
            $"{grid.Cells.Count} cells; {pending} to generate, {grid.Cells.Count - pending} already done");
        run.Succeeded();
        return grid;
    }
}
