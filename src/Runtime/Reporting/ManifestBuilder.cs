using System.Text.Json;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting;

/// <summary>Collects the manifest from the study, the store and git.</summary>
internal static class ManifestBuilder
{
    public static Manifest Build(LoadedStudy study, StudyStore store, IReadOnlyList<ExportedTable> tables)
    {
        var config = study.Config;
        var hashes = study.DatasetFileHashes;
        var counts = store.Connection.Query("SELECT dataset, count(*) FROM items GROUP BY dataset", reader => (reader.GetString(0), reader.Int32At(1)))
            .ToDictionary(pair => pair.Item1, pair => pair.Item2, StringComparer.Ordinal);
        var conditions = study.Conditions;
        var graders = store.Connection.Query(
                "SELECT grader, grader_type, scheme, options::VARCHAR FROM graders ORDER BY grader",
                reader => new ManifestGrader(reader.GetString(0), reader.GetString(1), reader.NullableString(2), StoreJson.Read<Dictionary<string, string>>(reader.GetString(3))))
            .ToList();
        return new Manifest(
            ManifestVersion: 1,
            config.Name,
            ToolInfo.Version,
            GitProbe.Read(config.StudyDirectory),
            DateTimeOffset.UtcNow,
            config.Datasets.Select(dataset => new ManifestDataset(dataset.Name, dataset.Path, hashes[dataset.Name], counts.GetValueOrDefault(dataset.Name))).ToList(),
            config.Design.Templates.Zip(study.Templates, (templateConfig, template) => new ManifestTemplate(template.Name, templateConfig.Path, templateConfig.SystemPath, template.ContentHash)).ToList(),
            conditions.Select(condition => new ManifestCondition(condition.Id, condition.Model.Id, condition.Lane.Name, condition.Template.Name, Parameters(condition))).ToList(),
            graders,
            config.Design.Epochs,
            tables);
    }

    private static Dictionary<string, object> Parameters(Condition condition) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(StoreJson.Write(condition.Lane.Parameters))!
            .ToDictionary(pair => pair.Key, pair => (object)pair.Value, StringComparer.Ordinal);
}
