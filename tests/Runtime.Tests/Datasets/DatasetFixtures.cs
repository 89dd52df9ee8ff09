using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Tests.Datasets;

/// <summary>Builds study and dataset records around files in a temp folder, without a study.yaml.</summary>
internal static class DatasetFixtures
{
    public static StudyConfig Study(string directory, params DatasetConfig[] datasets) =>
        new("t", null, Path.Combine(directory, "study.yaml"), directory, datasets,
            new DesignConfig([], [], 1, SourceLocation.Start("study.yaml")), [], BudgetConfig.Unlimited);

    public static DatasetConfig Dataset(string path, string format, ItemMapping mapping, int? limit = null, string name = "d", bool? header = null) =>
        new(name, path, format, mapping, "numeric", limit, new SourceLocation("study.yaml", 5, 5), header);
}
