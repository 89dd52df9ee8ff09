using ItemEval.Runtime.Config;
using ItemEval.Runtime.Design;

namespace ItemEval.Runtime.Stages;

/// <summary>A validated study with its templates loaded: what every stage starts from.</summary>
public sealed record LoadedStudy(StudyConfig Config, IReadOnlyList<PromptTemplate> Templates)
{
    /// <summary>
    /// Loads study.yaml and its templates and checks every placeholder, so a typo fails here with the line to fix,
    /// never half-way through a paid run.
    /// </summary>
    public static LoadedStudy Load(StageContext context)
    {
        var config = StudyLoader.Load(context.StudyFile, context.Options.DataRoots);
        var metadataKeys = config.Datasets.SelectMany(dataset => dataset.Mapping.Metadata).Distinct(StringComparer.Ordinal).ToList();
        var templates = new List<PromptTemplate>();
        var diagnostics = new List<Diagnostic>();
        foreach (var templateConfig in config.Design.Templates)
        {
            var template = TemplateLoader.Load(config, templateConfig);
            templates.Add(template);
            diagnostics.AddRange(PlaceholderCheck.Validate(template, templateConfig, metadataKeys));
        }

        if (diagnostics.Count > 0)
        {
            throw new StudyException(diagnostics);
        }

        return new LoadedStudy(config, templates);
    }

    /// <summary>
    /// The graders that apply: those in study.yaml, or, when it names none, one per item scheme that is also a scorer
    /// type (an item of scheme "numeric" is graded by the numeric scorer).
    /// </summary>
    public IReadOnlyList<GraderConfig> EffectiveGraders(IEnumerable<string?> itemSchemes)
    {
        if (Config.Graders.Count > 0)
        {
            return Config.Graders;
        }

        var known = Grading.GraderRegistry.Default.Types;
        return itemSchemes
            .Where(scheme => scheme is not null && known.Contains(scheme, StringComparer.OrdinalIgnoreCase))
            .Select(scheme => scheme!.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(scheme => new GraderConfig(scheme, scheme, scheme, new Dictionary<string, string>(), SourceLocation.Start(Config.StudyFile)))
            .ToList();
    }
}
