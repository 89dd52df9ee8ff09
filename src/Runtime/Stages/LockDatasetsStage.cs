using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;

namespace ItemEval.Runtime.Stages;

/// <summary>
/// Pins every dataset (content hash in datasets.lock.json, written at the first run and on --update-locks) and loads
/// the mapped items into the store.
/// </summary>
public static class LockDatasetsStage
{
    public static void Run(StageContext context)
    {
        var study = LoadedStudy.Load(context);
        var config = study.Config;
        var items = new List<Item>();
        var diagnostics = new List<Diagnostic>();
        foreach (var dataset in config.Datasets)
        {
            try
            {
                items.AddRange(DatasetReader.Read(config, dataset));
            }
            catch (StudyException error)
            {
                diagnostics.AddRange(error.Diagnostics);
            }
        }

        diagnostics.AddRange(DuplicateUids(config, items));
        diagnostics.AddRange(StudyLimits.CheckGrid(config, items.Count));
        if (diagnostics.Count > 0)
        {
            throw new StudyException(diagnostics);
        }

        WriteLock(context, study, items);
        using var run = StageRun.Begin(context, config.Name, "LockDatasets");
        run.Store.InTransaction(() => run.Store.Items.Replace(items));
        foreach (var group in items.GroupBy(item => item.Dataset))
        {
            context.Reporter.Info($"{group.Key}: {group.Count()} items");
        }

        run.Succeeded();
    }

    private static void WriteLock(StageContext context, LoadedStudy study, IReadOnlyList<Item> items)
    {
        var config = study.Config;
        var path = ResolveStage.LockPath(config);
        var existing = DatasetLock.Read(path, ResolveStage.LockBlame(config));
        var updated = DatasetLock.Create(config, study.DatasetFileHashes, items, existing, context.Options.UpdateLocks);
        if (updated.Write(path, ResolveStage.LockBlame(config)))
        {
            context.Reporter.Info($"locked datasets in {path}: commit it so others run on the same data");
        }
    }

    private static IEnumerable<Diagnostic> DuplicateUids(StudyConfig config, IReadOnlyList<Item> items) =>
        items.GroupBy(item => item.Uid, StringComparer.Ordinal)
            .Where(group => group.Count() > 1)
            .Select(group => Diagnostic.Error(
                DiagnosticCodes.DuplicateItemId,
                $"item id '{group.Key}' appears {group.Count()} times; ids must be unique within a dataset",
                config.Datasets.First(dataset => dataset.Name == group.First().Dataset).Location));
}
