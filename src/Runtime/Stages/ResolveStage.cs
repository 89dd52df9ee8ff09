using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Hashing;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages;

/// <summary>
/// The cheap stage every target depends on: validates the study, checks dataset locks and hashes each stage's
/// inputs. It never opens a model client or the store, so it may run on every build.
/// </summary>
public static class ResolveStage
{
    public static StudyFingerprints Run(StageContext context)
    {
        var study = LoadedStudy.Load(context);
        var config = study.Config;
        var fileHashes = study.DatasetFileHashes;
        if (!context.Options.UpdateLocks)
        {
            var diagnostics = DatasetLockCheck.Verify(config, DatasetLock.Read(LockPath(config), LockBlame(config)), fileHashes);
            if (diagnostics.Any(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error))
            {
                throw new StudyException(diagnostics);
            }
        }

        // A deleted store invalidates every stamp: the stamps describe what the store holds.
        if (!File.Exists(StudyStore.PathIn(context.ArtifactsDirectory)) && Directory.Exists(context.StampDirectory))
        {
            Directory.Delete(context.StampDirectory, recursive: true);
        }

        var datasets = ContentHash.Of(new DatasetsFingerprint(config.Datasets.Select(Describe).ToList(), fileHashes.OrderBy(pair => pair.Key).ToList()));
        var grid = ContentHash.Of(new GridFingerprint(
            datasets,
            config.Design.Models.Select(model => new ModelFingerprint(model.Id, Providers.TransportOptions.Without(model.Options).ToList(), model.Lanes.Select(lane => new LaneFingerprint(lane.Name, lane.Parameters)).ToList())).ToList(),
            study.Templates.Select(template => template.Name + ":" + template.ContentHash).ToList(),
            config.Design.Epochs,
            config.Design.OnEmpty));
        var grading = ContentHash.Of(new GradersFingerprint(config.Graders.Select(grader => new GraderFingerprint(grader.Name, grader.Type, grader.Scheme, grader.Options.OrderBy(pair => pair.Key).ToList(), JudgeFingerprint(study, grader))).ToList()));
        // BudgetCheck prices judging too: a new or changed judge passes the gate again before Grade asks it.
        var budget = ContentHash.Of(new BudgetFingerprint(grid, config.Budget.MaxUsd, config.Budget.Prices.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}:{pair.Value.InputPerMillion}/{pair.Value.OutputPerMillion}").ToList(), context.Options.Estimate, BudgetFingerprints.Of(context, config), grading));
        var export = ContentHash.Of(new ExportFingerprint(grid, grading, ToolInfo.Version));
        return new StudyFingerprints(datasets, grid, budget, grading, export);
    }

    public static string LockPath(StudyConfig config) => Path.Combine(config.StudyDirectory, "datasets.lock.json");

    /// <summary>A broken lock is reported at the datasets it pins, so the error has a study.yaml line editors can show.</summary>
    public static SourceLocation LockBlame(StudyConfig config) => config.Datasets.Count > 0 ? config.Datasets[0].Location : SourceLocation.Start(config.StudyFile);

    private static string Describe(DatasetConfig dataset) =>
        string.Join('|', dataset.Name, dataset.Path, dataset.Format, dataset.Header, dataset.Scheme, dataset.Limit, dataset.Mapping.Id,
            dataset.Mapping.Input, dataset.Mapping.Target, dataset.Mapping.Choices, dataset.Mapping.Scheme,
            string.Join(',', dataset.Mapping.Metadata));

    private sealed record DatasetsFingerprint(List<string> Datasets, List<KeyValuePair<string, string>> Files);

    private sealed record LaneFingerprint(string Name, LaneParameters Parameters);

    private sealed record ModelFingerprint(string Id, List<KeyValuePair<string, string>> Options, List<LaneFingerprint> Lanes);

    private sealed record GridFingerprint(string Datasets, List<ModelFingerprint> Models, List<string> Templates, int Epochs, string OnEmpty);

    private sealed record BudgetFingerprint(string Grid, decimal? MaxUsd, List<string> Prices, string Estimate, string Policy, string Graders);

    /// <summary>A judge's model, lane, template and rubric: what a grading key of no cell in particular covers. Null for a scorer.</summary>
    private static string? JudgeFingerprint(LoadedStudy study, GraderConfig grader) =>
        grader.Judge is null ? null : Grading.GradingKeys.For("", grader, study.JudgePrompts[grader.Name].ContentHash);

    // Judge is null for a scorer and left out of the hash, so a study without judges keeps its stamps.
    private sealed record GraderFingerprint(string Name, string Type, string? Scheme, List<KeyValuePair<string, string>> Options, string? Judge);

    private sealed record GradersFingerprint(List<GraderFingerprint> Graders);

    private sealed record ExportFingerprint(string Grid, string Grading, string Tool);
}
