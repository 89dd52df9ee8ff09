using ItemEval.Runtime.Stages;

namespace ItemEval.Tasks;

/// <summary>Expands the design grid into conditions and cells.</summary>
public sealed class ExpandGridTask : StageTask
{
    protected override void Run(StageContext context) => ExpandGridStage.Run(context);
}
