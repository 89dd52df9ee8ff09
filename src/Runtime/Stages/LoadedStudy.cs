using System.Security.Cryptography;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Design;

namespace ItemEval.Runtime.Stages;

/// <summary>
/// A validated study with its templates loaded: what every stage starts from. One instance serves every task of a
/// build (<see cref="IStudyShare"/>), so what is derived from it alone — the conditions, the dataset files' hashes —
/// is computed on first use and kept here rather than recomputed by each stage.
/// </summary>
public sealed record LoadedStudy(StudyConfig Config, IReadOnlyList<PromptTemplate> Templates)
{
    /// <summary>The line a <c>-v:detailed</c> log shows each time study.yaml is really parsed (tests count it).</summary>
    public const string ParsedMessage = "study.yaml parsed";

    private IReadOnlyList<Condition>? _conditions;
    private IReadOnlyDictionary<string, Condition>? _conditionsById;
    private IReadOnlyDictionary<string, string>? _datasetFileHashes;

    /// <summary>The LLM judges' prompts (template, rubric, statement) by grader name, placeholders checked.</summary>
    public IReadOnlyDictionary<string, Grading.Judges.JudgePrompt> JudgePrompts { get; init; } = new Dictionary<string, Grading.Judges.JudgePrompt>();

    /// <summary>Models × lanes × templates, in design order (no items needed).</summary>
    public IReadOnlyList<Condition> Conditions =>
        LazyInitializer.EnsureInitialized(ref _conditions, () => GridExpander.Conditions(Config, Templates));

    public IReadOnlyDictionary<string, Condition> ConditionsById =>
        LazyInitializer.EnsureInitialized(ref _conditionsById, () => Conditions.ToDictionary(condition => condition.Id, StringComparer.Ordinal));

    /// <summary>SHA-256 of each dataset's file by dataset name, read once per build however many stages need it.</summary>
    public IReadOnlyDictionary<string, string> DatasetFileHashes =>
        LazyInitializer.EnsureInitialized(ref _datasetFileHashes, () => DatasetHasher.HashFiles(Config));

    /// <summary>
    /// The study of this build: the one already loaded by an earlier task when the context shares one, else a fresh
    /// <see cref="Parse"/>.
    /// </summary>
    public static LoadedStudy Load(StageContext context) =>
        context.Studies is { } share ? share.GetOrLoad(ShareKey(context), () => Parse(context)) : Parse(context);

    /// <summary>
    /// Loads study.yaml and its templates and checks every placeholder, so a typo fails here with the line to fix,
    /// never half-way through a paid run.
    /// </summary>
    public static LoadedStudy Parse(StageContext context)
    {
        var config = StudyLoader.Load(context.StudyFile, context.Options.DataRoots);
        context.Reporter.Detail($"{ParsedMessage}: {context.StudyFile}");
        var metadataKeys = config.Datasets.SelectMany(dataset => dataset.Mapping.Metadata).Distinct(StringComparer.Ordinal).ToList();
        var templates = new List<PromptTemplate>();
        var diagnostics = new List<Diagnostic>();
        foreach (var templateConfig in config.Design.Templates)
        {
            var template = TemplateLoader.Load(config, templateConfig);
            templates.Add(template);
            diagnostics.AddRange(PlaceholderCheck.Validate(template, templateConfig, metadataKeys));
        }

        var judgePrompts = Grading.Judges.JudgePrompts.Load(config);
        diagnostics.AddRange(Grading.Judges.JudgePrompts.Validate(config, judgePrompts, metadataKeys));
        if (diagnostics.Count > 0)
        {
            throw new StudyException(diagnostics);
        }

        var loaded = new LoadedStudy(config, templates) { JudgePrompts = judgePrompts };
        Grading.Judges.PairwiseBaseline.Check(loaded);
        return loaded;
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

    /// <summary>
    /// The study file's full path and content hash plus the data roots: a missing or unreadable file gets a key of its
    /// own, and <see cref="Parse"/> then reports it as usual.
    /// </summary>
    private static string ShareKey(StageContext context)
    {
        var path = Path.GetFullPath(context.StudyFile);
        string content;
        try
        {
            content = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        }
        catch (IOException)
        {
            content = "unreadable";
        }
        catch (UnauthorizedAccessException)
        {
            content = "unreadable";
        }

        return string.Join('|', "ItemEval.LoadedStudy", path, content, string.Join(Path.PathSeparator, context.Options.DataRoots ?? []));
    }
}
