using YamlDotNet.RepresentationModel;

namespace ItemEval.Runtime.Config;

/// <summary>Reads <c>graders:</c>: verifiable scorers and LLM judges (JudgeSection), and the item scheme each applies to.</summary>
internal static class GraderSection
{
    public static IReadOnlyList<GraderConfig> Read(ConfigReader reader, YamlMappingNode root, AllowedFolders folders, DesignConfig design)
    {
        var graders = new List<GraderConfig>();
        foreach (var node in reader.Sequence(root, "graders", "the study", required: false))
        {
            if (reader.Mapping(node, "a grader", StudySchema.Grader) is not { } map)
            {
                continue;
            }

            var name = reader.String(map, "name", "a grader", required: true);
            var type = reader.String(map, "type", $"grader '{name}'", required: true);
            if (type is not null && !StudySchema.GraderTypes.Contains(type))
            {
                var hint = Suggestions.Closest(type, StudySchema.GraderTypes) is { } close ? $"did you mean '{close}'? " : "";
                reader.Error(DiagnosticCodes.InvalidValue, $"grader '{name}': unknown type '{type}'; {hint}types are {string.Join(", ", StudySchema.GraderTypes)}", reader.Node(map, "type")!);
                continue;
            }

            if (JudgeSection.IsJudge(type) && name is not null)
            {
                var judgeOptions = JudgeSection.Options(reader, map, name, type!, out var scale);
                var judge = JudgeSection.Read(reader, map, name, type!, judgeOptions, scale, folders, design);
                graders.Add(new GraderConfig(name, type!, reader.String(map, "scheme", $"grader '{name}'"), judgeOptions, reader.At(node), judge));
                continue;
            }

            if (type is not null)
            {
                JudgeSection.RefuseJudgeKeys(reader, map, name, type);
            }

            var options = reader.ScalarMap(map, "options", $"grader '{name}'");
            if (reader.Node(map, "options") is YamlMappingNode optionsNode && type is not null)
            {
                CheckOptions(reader, optionsNode, name, type);
            }

            if (type == "regex" && !options.ContainsKey("pattern"))
            {
                reader.Error(DiagnosticCodes.MissingKey, $"grader '{name}' of type regex needs options: {{pattern: '...'}}", node);
            }

            if (name is not null && type is not null)
            {
                graders.Add(new GraderConfig(name, type, reader.String(map, "scheme", $"grader '{name}'"), options, reader.At(node)));
            }
        }

        DuplicateNames.Check(reader, graders, grader => grader.Name, grader => grader.Location, "grader");
        return graders;
    }

    /// <summary>Options a scorer would ignore, or a pattern that cannot compile, fail here: before Generate spends.</summary>
    private static void CheckOptions(ConfigReader reader, YamlMappingNode options, string? name, string type)
    {
        var what = $"grader '{name}' options";
        reader.Mapping(options, $"the options of grader '{name}' ({type})", StudySchema.GraderOptions(type));
        switch (type)
        {
            case "numeric":
                reader.Double(options, "tolerance", what, 0, double.MaxValue);
                reader.Double(options, "relative_tolerance", what, 0, double.MaxValue);
                break;
            case "exact":
                reader.Bool(options, "case_sensitive", what);
                break;
            case "regex" when reader.String(options, "pattern", what) is { } pattern && RegexPattern.Problem(pattern) is { } problem:
                reader.Error(DiagnosticCodes.InvalidValue, $"grader '{name}': pattern {pattern} is not a valid regular expression: {problem}", reader.Node(options, "pattern")!);
                break;
        }
    }
}
