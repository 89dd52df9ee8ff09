using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Stages;

namespace ItemEval.Runtime.Tests.Stages.Grade;

/// <summary>A small study run through Grade on a real store, and the targets before Grade as they run after an edit.</summary>
internal static class GradedStudies
{
    public static async Task<TempStudy> Graded()
    {
        var study = new TempStudy(items: 10);
        study.Prepare();
        await Regenerate(study);
        await GradeStage.RunAsync(study.Context(), CancellationToken.None);
        return study;
    }

    /// <summary>ExpandGrid and Generate, as the targets before Grade run them after an edit.</summary>
    public static async Task Regenerate(TempStudy study)
    {
        ExpandGridStage.Run(study.Context());
        var client = new ScriptedClient((_, request, _) => Task.FromResult(ScriptedClient.Answer($"The answer is {request.Reference}.")));
        await GenerateStage.RunAsync(study.Context(), CancellationToken.None, new ModelClientRouter(_ => client));
    }
}
