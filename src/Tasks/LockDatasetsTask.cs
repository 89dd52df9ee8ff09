using ItemEval.Runtime.Stages;

namespace ItemEval.Tasks;

/// <summary>Pins the datasets and loads their items into the store.</summary>
public sealed class LockDatasetsTask : StageTask
{
    protected override void Run(StageContext context) => LockDatasetsStage.Run(context);
}
