using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages.Generate;

/// <summary>
/// <c>--verify-first</c>: one real request per condition, in turn, before the full run; the first failure stops
/// the stage with the provider's message. The verified cells are ordinary cells and are kept.
/// </summary>
internal static class VerifyFirst
{
    public static async Task<IReadOnlyList<SolutionRecord>> RunAsync(
        StageContext context,
        CellRunner runner,
        IReadOnlyList<Cell> pending,
        IReadOnlyDictionary<string, Condition> conditions,
        IReadOnlyDictionary<string, Item> items,
        Action<SolutionRecord> save,
        CancellationToken cancellationToken)
    {
        var probes = pending.GroupBy(cell => cell.ConditionId).Select(group => group.First()).ToList();
        var results = new List<SolutionRecord>();
        foreach (var cell in probes)
        {
            var condition = conditions[cell.ConditionId];
            var record = await runner.RunAsync(cell, condition, items[cell.ItemUid], cancellationToken);
            save(record);
            results.Add(record);
            if (record.Status == SolutionStatus.Error)
            {
                throw new StudyException(Diagnostic.Error(
                    DiagnosticCodes.VerifyFirstFailed,
                    $"verify-first: {condition.Id} failed: {record.Error}; nothing else was sent — fix it and run again",
                    condition.Model.Location));
            }

            context.Reporter.Progress($"verified {condition.Id}");
        }

        return results;
    }
}
