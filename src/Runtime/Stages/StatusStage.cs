using System.Globalization;
using ItemEval.Runtime.Reporting;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages;

/// <summary>
/// Prints expected / done / errors / empty / pending per condition and the spend so far. While another process runs
/// the study (and so holds the store), it prints that run's latest published snapshot instead of failing.
/// </summary>
public static class StatusStage
{
    /// <summary>Status's run: the only one that writes nothing to the store but its own row in <c>runs</c>.</summary>
    public const string Target = "Status";

    public static IReadOnlyList<ConditionStatus> Run(StageContext context)
    {
        var study = LoadedStudy.Load(context);
        if (!File.Exists(StudyStore.PathIn(context.ArtifactsDirectory)))
        {
            context.Reporter.Info($"study '{study.Config.Name}' has not run yet: ./build.sh Export --study {study.Config.Name}");
            return [];
        }

        using var run = StageRun.TryBegin(context, Target, out var holder);
        if (run is null)
        {
            return FromSnapshot(context, holder);
        }

        var statuses = StatusQuery.Read(run.Store);
        Print(context, statuses, run.Store.Ledger.TotalUsd());
        context.Reporter.Info(Reporting.Books.StageSpend.Describe(run.Store, study.Config.Budget.MaxUsd));
        Batches.BatchesInFlightReport.Print(context.Reporter, run.Store.Batches.InFlight());
        GraderStatus.Render(GraderStatus.Read(study, run.Store)).ToList().ForEach(context.Reporter.Info);
        run.Succeeded();
        return statuses;
    }

    private static IReadOnlyList<ConditionStatus> FromSnapshot(StageContext context, LockOwner? holder)
    {
        var snapshot = StatusSnapshot.ReadFrom(context.ArtifactsDirectory);
        var running = $"run in progress ({holder?.ToString() ?? "holder unknown"})";
        if (snapshot is null)
        {
            context.Reporter.Info($"{running}; it has not published progress yet, try again in a moment");
            return [];
        }

        context.Reporter.Info($"{running}; as of {snapshot.AsOf.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z ({snapshot.Target} run {snapshot.RunId})");
        Print(context, snapshot.Conditions, snapshot.SpentUsd);
        return snapshot.Conditions;
    }

    private static void Print(StageContext context, IReadOnlyList<ConditionStatus> statuses, decimal spentUsd)
    {
        foreach (var line in StatusTable.Render(statuses))
        {
            context.Reporter.Info(line);
        }

        context.Reporter.Info($"spent so far (ledger): ${spentUsd.ToString("0.0000", CultureInfo.InvariantCulture)}");
    }
}
