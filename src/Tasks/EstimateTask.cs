using ItemEval.Runtime.Stages;

namespace ItemEval.Tasks;

/// <summary>Prints the cost estimate of the cells still to run.</summary>
public sealed class EstimateTask : StageTask
{
    protected override void Run(StageContext context) => EstimateStage.Run(context);
}
