using ItemEval.Runtime.Stages;

namespace ItemEval.Tasks;

/// <summary>Prints progress per condition from the store.</summary>
public sealed class StatusTask : StageTask
{
    protected override void Run(StageContext context) => StatusStage.Run(context);
}
