using ItemEval.Runtime.Stages;
using Microsoft.Build.Framework;

namespace ItemEval.Tasks;

/// <summary>Validates the study and outputs each stage's input hash for the stamp files.</summary>
public sealed class ResolveStudy : StageTask
{
    [Output]
    public string DatasetsHash { get; private set; } = "";

    [Output]
    public string GridHash { get; private set; } = "";

    [Output]
    public string BudgetHash { get; private set; } = "";

    [Output]
    public string GradingHash { get; private set; } = "";

    [Output]
    public string ExportHash { get; private set; } = "";

    protected override void Run(StageContext context)
    {
        var fingerprints = ResolveStage.Run(context);
        DatasetsHash = fingerprints.Datasets;
        GridHash = fingerprints.Grid;
        BudgetHash = fingerprints.Budget;
        GradingHash = fingerprints.Grading;
        ExportHash = fingerprints.Export;
    }
}
