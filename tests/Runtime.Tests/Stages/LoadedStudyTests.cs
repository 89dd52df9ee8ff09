using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Tests.Stages;

public sealed class LoadedStudyTests
{
    [Fact]
    public void The_stages_of_one_build_share_one_load_of_the_study()
    {
        using var study = new TempStudy();
        var share = new InMemoryStudyShare();
        var context = study.Context() with { Studies = share };

        ResolveStage.Run(context);
        LockDatasetsStage.Run(context);
        ExpandGridStage.Run(context);
        BudgetCheckStage.Run(context);

        Assert.Equal(1, share.Loads);
        Assert.Same(LoadedStudy.Load(context), LoadedStudy.Load(context));
        using var store = StudyStore.Open(study.Artifacts);
        Assert.Equal(20, store.Solutions.Pending().Count);
    }

    [Fact]
    public void An_edited_study_file_is_loaded_again()
    {
        using var study = new TempStudy();
        var share = new InMemoryStudyShare();
        var context = study.Context() with { Studies = share };
        var before = LoadedStudy.Load(context);

        File.WriteAllText(study.StudyFile, File.ReadAllText(study.StudyFile).Replace("epochs: 1", "epochs: 2", StringComparison.Ordinal));
        var after = LoadedStudy.Load(context);

        Assert.Equal(2, share.Loads);
        Assert.Equal((1, 2), (before.Config.Design.Epochs, after.Config.Design.Epochs));
    }
}
