using System.Globalization;
using ItemEval.Runtime.Reporting;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages;

/// <summary>Prints expected / done / errors / empty / pending per condition and the spend so far.</summary>
public static class StatusStage
{
    public static IReadOnlyList<ConditionStatus> Run(StageContext context)
    {
        var study = LoadedStudy.Load(context);
        if (!File.Exists(StudyStore.PathIn(context.ArtifactsDirectory)))
        {
            context.Reporter.Info($"study '{study.Config.Name}' has not run yet: ./build.sh Export --study {study.Config.Name}");
            return [];
        }

        using var run = StageRun.Begin(context, study.Config.Name, "Status");
        var statuses = StatusQuery.Read(run.Store);
        var rows = statuses.Select(status => (IReadOnlyList<string>)
        [
            status.ConditionId, Text(status.Expected), Text(status.Done), Text(status.Errors), Text(status.Empty),
            Text(status.Pending), Text(status.Retries), "$" + status.Usd.ToString("0.0000", CultureInfo.InvariantCulture),
        ]).ToList();
        foreach (var line in TextTable.Render(["condition", "expected", "done", "errors", "empty", "pending", "retries", "cost"], rows))
        {
            context.Reporter.Info(line);
        }

        context.Reporter.Info($"spent so far (ledger): ${run.Store.Ledger.TotalUsd():0.0000}");
        run.Succeeded();
        return statuses;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
