using ItemEval.Runtime.Config;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Reporting;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages;

/// <summary>Crosses the stored items with the design into conditions and cells, and says how much is left to run.</summary>
public static class ExpandGridStage
{
    public static DesignChange Run(StageContext context)
    {
        var study = LoadedStudy.Load(context);
        using var run = StageRun.Begin(context, study.Config.Name, "ExpandGrid");
        var items = run.Store.Items.ByUid().Values.OrderBy(item => item.Uid, StringComparer.Ordinal).ToList();

        // LockDatasets checks the grid's size too, but a design edit (more models, lanes or epochs) leaves it up to date
        // and runs only this stage: the bound must hold here, before a cell is written.
        var tooLarge = StudyLimits.CheckGrid(study.Config, items.Count).ToList();
        if (tooLarge.Count > 0)
        {
            throw new StudyException(tooLarge);
        }

        // Only the conditions whose grid fingerprint changed have their cells hashed, streamed one at a time straight into
        // the store's staging table (never held as a list); the others' stored cells are already the grid's.
        var grids = GridExpander.Grids(study.Conditions, items, study.Config.Design.Epochs);
        var change = run.Store.InTransaction(() => run.Store.Design.Update(grids));
        // Counted once for both the message and the run's last Status snapshot: each count joins every cell with its solution.
        var counts = StatusQuery.Read(run.Store);
        run.Progress.CountsAre(counts);
        var pending = counts.Sum(condition => condition.ToGenerate(study.Config.Design.RerunEmpty));
        context.Reporter.Info(
            $"{study.Conditions.Count} conditions × {items.Count} items × {study.Config.Design.Epochs} epoch(s) = " +
            $"{change.Cells} cells ({change.Added} new, {change.Rekeyed} changed, {change.Removed} removed); " +
            $"{pending} to generate, {change.Cells - pending} already done; " +
            $"{change.Compared} cells compared (conditions whose design, items or epochs changed)");
        run.Succeeded();
        return change;
    }
}
