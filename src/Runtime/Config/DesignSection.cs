using YamlDotNet.RepresentationModel;

namespace ItemEval.Runtime.Config;

/// <summary>Reads <c>design:</c>: models with their lanes, templates, epochs.</summary>
internal static class DesignSection
{
    public static DesignConfig Read(ConfigReader reader, YamlMappingNode root, string studyDirectory)
    {
        var node = reader.Required(root, "design", "the study");
        if (node is null || reader.Mapping(node, "design", StudySchema.Design) is not { } design)
        {
            return new DesignConfig([], [], 1, reader.At(root));
        }

        return new DesignConfig(
            ReadModels(reader, design),
            ReadTemplates(reader, design, studyDirectory),
            reader.Int(design, "epochs", "design", 1) ?? 1,
            reader.At(node),
            reader.OneOf(design, "on_empty", "design", StudySchema.OnEmpty) ?? "keep");
    }

    private static List<ModelConfig> ReadModels(ConfigReader reader, YamlMappingNode design)
    {
        var models = new List<ModelConfig>();
        foreach (var node in reader.Sequence(design, "models", "design", required: true))
        {
            if (reader.Mapping(node, "a model", StudySchema.Model) is not { } map)
            {
                continue;
            }

            var id = reader.String(map, "id", "a model", required: true);
            if (id is null)
            {
                continue;
            }

            var provider = id.Split('/', 2)[0];
            if (!id.Contains('/', StringComparison.Ordinal) || id.EndsWith('/'))
            {
                reader.Error(DiagnosticCodes.InvalidValue, $"model id '{id}' must be written provider/model, e.g. openai/gpt-4o-mini or mock/careful", reader.Node(map, "id")!);
            }
            else if (!StudySchema.Providers.Contains(provider))
            {
                reader.Error(DiagnosticCodes.UnknownProvider, $"unknown provider '{provider}' in '{id}': use one of {string.Join(", ", StudySchema.Providers)}", reader.Node(map, "id")!);
            }

            var location = reader.At(node);
            models.Add(new ModelConfig(id, LaneSection.Read(reader, map, id, location), reader.ScalarMap(map, "options", $"model '{id}'"), location));
        }

        DuplicateNames.Check(reader, models, model => model.Id, model => model.Location, "model");
        return models;
    }

    private static List<TemplateConfig> ReadTemplates(ConfigReader reader, YamlMappingNode design, string studyDirectory)
    {
        var templates = new List<TemplateConfig>();
        foreach (var node in reader.Sequence(design, "templates", "design", required: true))
        {
            if (reader.Mapping(node, "a template", StudySchema.Template) is not { } map)
            {
                continue;
            }

            var name = reader.String(map, "name", "a template", required: true);
            var path = reader.String(map, "path", $"template '{name}'", required: true);
            var system = reader.String(map, "system", $"template '{name}'");
            CheckFile(reader, map, "path", path, studyDirectory, $"template '{name}'");
            CheckFile(reader, map, "system", system, studyDirectory, $"template '{name}' system prompt");
            if (name is not null && path is not null)
            {
                templates.Add(new TemplateConfig(name, path, system, reader.At(node)));
            }
        }

        DuplicateNames.Check(reader, templates, template => template.Name, template => template.Location, "template");
        return templates;
    }

    private static void CheckFile(ConfigReader reader, YamlMappingNode map, string key, string? path, string studyDirectory, string what)
    {
        if (path is null)
        {
            return;
        }

        var full = Path.GetFullPath(Path.Combine(studyDirectory, path));
        if (!File.Exists(full))
        {
            reader.Error(DiagnosticCodes.MissingFile, $"{what}: file {path} not found (looked at {full})", reader.Node(map, key)!);
        }
    }
}
