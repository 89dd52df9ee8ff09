using YamlDotNet.RepresentationModel;

namespace ItemEval.Runtime.Config;

/// <summary>Reads <c>design:</c>: models with their lanes, templates, epochs.</summary>
internal static class DesignSection
{
    public static DesignConfig Read(ConfigReader reader, YamlMappingNode root, AllowedFolders folders)
    {
        var node = reader.Required(root, "design", "the study");
        if (node is null || reader.Mapping(node, "design", StudySchema.Design) is not { } design)
        {
            return new DesignConfig([], [], 1, reader.At(root));
        }

        var models = ReadModels(reader, design);
        var templates = ReadTemplates(reader, design, folders);
        CheckSize(reader, design, models, templates);
        return new DesignConfig(
            models,
            templates,
            reader.Int(design, "epochs", "design", 1, StudyLimits.Epochs) ?? 1,
            reader.At(node),
            reader.OneOf(design, "on_empty", "design", StudySchema.OnEmpty) ?? "keep");
    }

    /// <summary>The grid's size is known here up to the items; LockDatasets checks the cells once it has read them.</summary>
    private static void CheckSize(ConfigReader reader, YamlMappingNode design, List<ModelConfig> models, List<TemplateConfig> templates)
    {
        if (models.Count > StudyLimits.Models)
        {
            reader.Error(DiagnosticCodes.InvalidValue, $"design.models lists {models.Count} models; at most {StudyLimits.Models} are allowed (split the study)", reader.Node(design, "models")!);
        }

        if (templates.Count > StudyLimits.Templates)
        {
            reader.Error(DiagnosticCodes.InvalidValue, $"design.templates lists {templates.Count} templates; at most {StudyLimits.Templates} are allowed (split the study)", reader.Node(design, "templates")!);
        }

        var conditions = (long)models.Sum(model => model.Lanes.Count) * templates.Count;
        if (conditions > StudyLimits.Conditions)
        {
            reader.Error(DiagnosticCodes.InvalidValue, $"the design has {conditions} conditions (models × lanes × templates); at most {StudyLimits.Conditions} are allowed (split the study)", design);
        }
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

            CheckModelId(reader, id, reader.Node(map, "id")!);
            var location = reader.At(node);
            models.Add(new ModelConfig(id, LaneSection.Read(reader, map, id, location), ModelOptionsSection.Read(reader, map, id), location)
            {
                Batch = BatchSection.Mode(reader, map, $"model '{id}'"),
            });
        }

        DuplicateNames.Check(reader, models, model => model.Id, model => model.Location, "model");
        return models;
    }

    /// <summary>A model id is <c>provider/model</c> with a known provider (design models and judge models alike).</summary>
    public static void CheckModelId(ConfigReader reader, string id, YamlNode node)
    {
        var provider = id.Split('/', 2)[0];
        if (!id.Contains('/', StringComparison.Ordinal) || id.EndsWith('/'))
        {
            reader.Error(DiagnosticCodes.InvalidValue, $"model id '{id}' must be written provider/model, e.g. openai/gpt-4o-mini or mock/careful", node);
        }
        else if (!StudySchema.Providers.Contains(provider))
        {
            reader.Error(DiagnosticCodes.UnknownProvider, $"unknown provider '{provider}' in '{id}': use one of {string.Join(", ", StudySchema.Providers)}", node);
        }
    }

    private static List<TemplateConfig> ReadTemplates(ConfigReader reader, YamlMappingNode design, AllowedFolders folders)
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
            FileKeys.Check(reader, folders, map, "path", path, $"template '{name}'");
            FileKeys.Check(reader, folders, map, "system", system, $"template '{name}' system prompt");
            if (name is not null && path is not null)
            {
                templates.Add(new TemplateConfig(name, path, system, reader.At(node)));
            }
        }

        DuplicateNames.Check(reader, templates, template => template.Name, template => template.Location, "template");
        return templates;
    }
}
