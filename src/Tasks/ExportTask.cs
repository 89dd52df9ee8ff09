using ItemEval.Runtime.Stages;

namespace ItemEval.Tasks;

/// <summary>Writes the export tables and the manifest.</summary>
public sealed class ExportTask : StageTask
{
    protected override void Run(StageContext context) => ExportStage.Run(context);
}
