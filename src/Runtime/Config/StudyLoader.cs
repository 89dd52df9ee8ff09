using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;
using YamlDotNet.RepresentationModel;

namespace ItemEval.Runtime.Config;

/// <summary>Parses and validates study.yaml; throws <see cref="StudyException"/> with every problem found.</summary>
public static partial class StudyLoader
{
    /// <param name="dataRoots">Folders besides the study's own that its paths may lead into (<c>--data-root</c>).</param>
    public static StudyConfig Load(string studyFile, IReadOnlyList<string>? dataRoots = null)
    {
        if (!File.Exists(studyFile))
        {
            throw new StudyException(Diagnostic.Error(DiagnosticCodes.StudyFileMissing, $"study file {studyFile} not found; a study is a folder with a study.yaml (see docs/study-yaml.md)", SourceLocation.Start(studyFile)));
        }

        return Parse(File.ReadAllText(studyFile), studyFile, Path.GetDirectoryName(Path.GetFullPath(studyFile))!, dataRoots);
    }

    public static StudyConfig Parse(string yamlText, string studyFile, string studyDirectory, IReadOnlyList<string>? dataRoots = null)
    {
        var reader = new ConfigReader(studyFile);
        var folders = new AllowedFolders(studyDirectory, dataRoots);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yamlText));
        }
        catch (YamlException error)
        {
            throw new StudyException(Diagnostic.Error(DiagnosticCodes.YamlSyntax, $"not valid YAML: {Inner(error).Message}", new SourceLocation(studyFile, (int)error.Start.Line, (int)error.Start.Column)));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser gives up on an unclosed flow collection with no position: find it ourselves.
            throw new StudyException(UnclosedFlow.Find(yamlText) is { } open
                ? Diagnostic.Error(DiagnosticCodes.YamlSyntax, $"not valid YAML: this '{(open is FlowMappingStart ? '{' : '[')}' is never closed; add '{(open is FlowMappingStart ? '}' : ']')}' where the value ends", new SourceLocation(studyFile, (int)open.Start.Line, (int)open.Start.Column))
                : Diagnostic.Error(DiagnosticCodes.YamlSyntax, "not valid YAML: a '{' or '[' is never closed", new SourceLocation(studyFile, 1, 1)));
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode)
        {
            throw new StudyException(Diagnostic.Error(DiagnosticCodes.WrongType, "study.yaml must be a mapping with name, datasets and design (see docs/study-yaml.md)", new SourceLocation(studyFile, 1, 1)));
        }

        var root = reader.Mapping(stream.Documents[0].RootNode, "the study", StudySchema.Root)!;
        var name = reader.String(root, "name", "the study", required: true);
        if (name is not null && !NamePattern().IsMatch(name))
        {
            reader.Error(DiagnosticCodes.InvalidValue, $"study name '{name}' must be lowercase letters, digits, '_' or '-', starting with a letter or digit", reader.Node(root, "name")!);
        }

        var datasets = DatasetSection.Read(reader, root, folders);
        var design = DesignSection.Read(reader, root, folders);
        var config = new StudyConfig(
            name ?? "",
            reader.String(root, "description", "the study"),
            studyFile,
            studyDirectory,
            datasets,
            design,
            GraderSection.Read(reader, root, folders, design),
            BudgetSection.Read(reader, root))
        {
            Batch = BatchSection.Read(reader, root),
        };
        BatchSection.Check(reader, config.Batch, config.Design.Models.Concat(config.Graders.Select(grader => grader.Judge?.Model).OfType<ModelConfig>()).DistinctBy(model => (model.Id, model.Location)));
        if (reader.Diagnostics.Count > 0)
        {
            throw new StudyException(reader.Diagnostics.OrderBy(diagnostic => diagnostic.Location?.Line ?? 0).ToList());
        }

        return config;
    }

    private static Exception Inner(Exception error) => error.InnerException is YamlException inner ? inner : error;

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex NamePattern();
}
