using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ItemEval.Runtime.Config;

/// <summary>Reads <c>datasets:</c>: local data files and their column mapping.</summary>
internal static partial class DatasetSection
{
    public static IReadOnlyList<DatasetConfig> Read(ConfigReader reader, YamlMappingNode root, AllowedFolders folders)
    {
        var datasets = new List<DatasetConfig>();
        foreach (var node in reader.Sequence(root, "datasets", "the study", required: true))
        {
            if (reader.Mapping(node, "a dataset", StudySchema.Dataset) is not { } map)
            {
                continue;
            }

            var name = reader.String(map, "name", "a dataset", required: true);
            var path = reader.String(map, "path", $"dataset '{name}'", required: true);
            if (name is not null && !NamePattern().IsMatch(name))
            {
                reader.Error(DiagnosticCodes.InvalidValue, $"dataset name '{name}' may use letters, digits, '_' and '-' only", reader.Node(map, "name")!);
            }

            var format = reader.OneOf(map, "format", $"dataset '{name}'", StudySchema.Formats);
            if (FileKeys.Check(reader, folders, map, "path", path, $"dataset '{name}'") && path is not null)
            {
                format ??= Datasets.DataFileQuery.FormatOf(path);
                if (format is null)
                {
                    reader.Error(DiagnosticCodes.InvalidValue, $"dataset '{name}': cannot tell the format of {path} from its extension; add format: jsonl, csv or parquet", reader.Node(map, "path")!);
                }
            }

            var mapping = ReadMapping(reader, map, name);
            if (name is null || path is null || format is null)
            {
                continue;
            }

            datasets.Add(new DatasetConfig(name, path, format, mapping, reader.String(map, "scheme", $"dataset '{name}'"), reader.Int(map, "limit", $"dataset '{name}'", 1, StudyLimits.Items), reader.At(node), reader.Bool(map, "header", $"dataset '{name}'")));
        }

        DuplicateNames.Check(reader, datasets, dataset => dataset.Name, dataset => dataset.Location, "dataset");
        return datasets;
    }

    private static ItemMapping ReadMapping(ConfigReader reader, YamlMappingNode dataset, string? name)
    {
        var node = reader.Node(dataset, "mapping");
        if (node is null || reader.Mapping(node, $"the mapping of dataset '{name}'", StudySchema.Mapping) is not { } map)
        {
            return ItemMapping.Default;
        }

        var what = $"dataset '{name}' mapping";
        return new ItemMapping(
            reader.String(map, "id", what) ?? ItemMapping.Default.Id,
            reader.String(map, "input", what) ?? ItemMapping.Default.Input,
            reader.String(map, "target", what) ?? ItemMapping.Default.Target,
            reader.Node(map, "choices") is YamlSequenceNode ? string.Join(',', reader.StringList(map, "choices", what)) : reader.String(map, "choices", what),
            reader.String(map, "scheme", what),
            reader.StringList(map, "metadata", what));
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex NamePattern();
}
