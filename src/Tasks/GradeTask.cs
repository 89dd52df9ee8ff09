using ItemEval.Runtime.Stages;
using Microsoft.Build.Framework;

namespace ItemEval.Tasks;

/// <summary>Grades finished solutions with the study's graders.</summary>
public sealed class GradeTask : StageTask
{
    [Output]
    public string GradingsHash { get; private set; } = "";

    protected override void Run(StageContext context) => GradingsHash = GradeStage.Run(context, CancellationToken).GradingsFingerprint;
}
