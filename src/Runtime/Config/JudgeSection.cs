using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ItemEval.Runtime.Config;

/// <summary>
/// Reads the judge keys of a grader (<c>model</c>, <c>lane</c>, <c>template</c>, <c>rubric</c>, <c>against</c>, and the
/// judge's <c>options</c>). A scorer given a judge key is an error: it would be ignored silently.
/// </summary>
internal static class JudgeSection
{
    /// <summary>The grader types that call a model, from the grader registry; every other type is a verifiable scorer.</summary>
    public static readonly string[] Types = [.. Grading.GraderRegistry.Default.JudgeTypes];

    public static bool IsJudge(string? type) => type is not null && Types.Contains(type);

    /// <summary>For a scorer: every judge key it carries is reported.</summary>
    public static void RefuseJudgeKeys(ConfigReader reader, YamlMappingNode map, string? name, string type)
    {
        foreach (var key in StudySchema.JudgeKeys.Where(key => reader.Node(map, key) is not null))
        {
            reader.Error(DiagnosticCodes.UnknownKey, $"grader '{name}' of type {type} takes no '{key}': only judges ({string.Join(", ", Types)}) call a model", reader.Node(map, key)!);
        }
    }

    /// <summary>The judge's options as invariant text (they are shown in the store's <c>graders</c> table).</summary>
    public static IReadOnlyDictionary<string, string> Options(ConfigReader reader, YamlMappingNode map, string? name, string type, out JudgeScale scale)
    {
        scale = JudgeScale.Unit;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.Node(map, "options") is not { } node
            || reader.Mapping(node, $"the options of grader '{name}' ({type})", StudySchema.GraderOptions(type)) is not { } mapping)
        {
            return options;
        }

        if (reader.Node(mapping, "scale") is { } scaleNode)
        {
            scale = Scale(reader, scaleNode, name) ?? scale;
            options["scale"] = string.Create(CultureInfo.InvariantCulture, $"{scale.Min},{scale.Max}");
        }

        foreach (var key in new[] { "statement_column", "statement" })
        {
            if (reader.String(mapping, key, $"grader '{name}' options") is { } value)
            {
                options[key] = value;
            }
        }

        return options;
    }

    public static JudgeConfig? Read(ConfigReader reader, YamlMappingNode map, string name, string type, IReadOnlyDictionary<string, string> options, JudgeScale scale, AllowedFolders folders, DesignConfig design)
    {
        var what = $"grader '{name}'";
        var model = Model(reader, map, what, design);
        var template = reader.String(map, "template", what, required: true);
        var rubric = reader.String(map, "rubric", what);
        FileKeys.Check(reader, folders, map, "template", template, $"{what} template");
        FileKeys.Check(reader, folders, map, "rubric", rubric, $"{what} rubric");
        var against = reader.String(map, "against", what);
        if (against is not null && type != "pairwise")
        {
            reader.Error(DiagnosticCodes.UnknownKey, $"{what}: 'against' names a baseline condition for pairwise judges only", reader.Node(map, "against")!);
        }

        var statement = options.GetValueOrDefault("statement");
        if (type == "compliance" && statement is not null && reader.Node(map, "options") is YamlMappingNode optionsMap)
        {
            FileKeys.Check(reader, folders, optionsMap, "statement", statement, $"{what} statement");
        }

        if (type == "compliance" && statement is null && !options.ContainsKey("statement_column"))
        {
            reader.Error(DiagnosticCodes.MissingKey, $"{what} of type compliance needs options: {{statement_column: <metadata column>}} or {{statement: <file>}}", map);
        }

        return model is null || template is null
            ? null
            : new JudgeConfig(model, template, rubric, against, scale, options.GetValueOrDefault("statement_column"), statement);
    }

    /// <summary>
    /// <c>model: provider/name</c> (with the options of that model in design.models, if it is there) or
    /// <c>model: {id, options, batch}</c>; the grader's <c>lane:</c> becomes the model's only lane.
    /// </summary>
    private static ModelConfig? Model(ConfigReader reader, YamlMappingNode map, string what, DesignConfig design)
    {
        if (reader.Required(map, "model", what) is not { } node)
        {
            return null;
        }

        string? id;
        IReadOnlyDictionary<string, string> modelOptions;
        BatchMode? batch;
        if (node is YamlMappingNode modelMap && reader.Mapping(modelMap, $"{what} model", StudySchema.JudgeModel) is { } mapping)
        {
            id = reader.String(mapping, "id", $"{what} model", required: true);
            modelOptions = id is null ? new Dictionary<string, string>() : ModelOptionsSection.Read(reader, mapping, id);
            batch = BatchSection.Mode(reader, mapping, $"{what} model");
        }
        else
        {
            id = reader.Scalar(node, $"{what}.model", "provider/model or {id, options}");
            var designed = design.Models.FirstOrDefault(model => model.Id == id);
            modelOptions = designed?.Options ?? new Dictionary<string, string>();
            batch = designed?.Batch;
        }

        if (id is null)
        {
            return null;
        }

        DesignSection.CheckModelId(reader, id, node);
        var lane = LaneParameters.None;
        if (reader.Node(map, "lane") is { } laneNode && reader.Mapping(laneNode, $"{what} lane", StudySchema.Lane.Where(key => key != "name").ToList()) is { } laneMap)
        {
            lane = LaneSection.Parameters(reader, laneMap, $"{what} lane");
        }

        var location = reader.At(node);
        return new ModelConfig(id, [new LaneConfig("judge", lane, location)], modelOptions, location) { Batch = batch };
    }

    private static JudgeScale? Scale(ConfigReader reader, YamlNode node, string? name)
    {
        var bounds = node is YamlSequenceNode sequence
            ? sequence.Children.Select(child => reader.Decimal(child, $"grader '{name}' options.scale")).ToList()
            : [];
        if (bounds.Count != 2 || bounds.Any(bound => bound is null) || bounds[0] >= bounds[1])
        {
            reader.Error(DiagnosticCodes.InvalidValue, $"grader '{name}' options.scale must be [lowest, highest] with lowest < highest, e.g. [0, 1] or [1, 10]", node);
            return null;
        }

        return new JudgeScale((double)bounds[0]!.Value, (double)bounds[1]!.Value);
    }
}
