using ItemEval.Runtime.Stages;

namespace ItemEval.Tasks;

/// <summary>Fails the build above the budget cap or without confirmation of spend.</summary>
public sealed class BudgetCheckTask : StageTask
{
    protected override void Run(StageContext context) => BudgetCheckStage.Run(context);
}
