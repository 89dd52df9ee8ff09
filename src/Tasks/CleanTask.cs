using ItemEval.Runtime.Stages;
using Microsoft.Build.Framework;

namespace ItemEval.Tasks;

/// <summary>Deletes the study's artifacts; works even when study.yaml is broken.</summary>
public sealed class CleanTask : StageTask
{
    [Required]
    public string StudyName { get; set; } = "";

    protected override void Run(StageContext context) => CleanStage.Run(context, StudyName);
}
