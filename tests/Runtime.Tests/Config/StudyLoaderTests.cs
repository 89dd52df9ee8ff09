using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Tests.Config;

public sealed class StudyLoaderTests : IDisposable
{
    private const string Valid = """
        name: demo
        description: a test study
        datasets:
          - name: quiz
            path: data/items.jsonl
            scheme: numeric
            limit: 5
            mapping:
              id: id
              input: question
              target: answer
              choices: [A, B, C]
              metadata: [topic]
        design:
          models:
            - id: openai/gpt-4o-mini
              options: {base_url: "http://127.0.0.1:9/v1"}
              lanes:
                - name: t06
                  temperature: 0.6
                  max_tokens: 300
            - id: anthropic/claude-sonnet-4-5
              lanes:
                - name: think
                  max_tokens: 4096
                  thinking_budget: 2048
            - id: mock/plain
          templates:
            - name: direct
              path: prompts/direct.txt
              system: prompts/system.txt
          epochs: 3
        graders:
          - name: num
            type: numeric
            scheme: numeric
            options: {tolerance: 0.01}
        budget:
          max_usd: 2.5
          prices:
            openai/gpt-4o-mini: {input: 0.15, output: 0.6}
        """;

    private readonly TempFolder _folder = new();

    public StudyLoaderTests()
    {
        _folder.Write("data/items.jsonl", "{}\n");
        _folder.Write("prompts/direct.txt", "{input}");
        _folder.Write("prompts/system.txt", "Be brief.");
    }

    [Fact]
    public void A_valid_study_parses_into_records_with_locations()
    {
        var study = Parse(Valid);

        Assert.Equal("demo", study.Name);
        var dataset = Assert.Single(study.Datasets);
        Assert.Equal(("jsonl", 5, "numeric"), (dataset.Format, dataset.Limit, dataset.Scheme));
        Assert.Equal("A,B,C", dataset.Mapping.Choices);
        Assert.Equal(["topic"], dataset.Mapping.Metadata);
        Assert.Equal(new SourceLocation("study.yaml", 4, 5), dataset.Location);
        Assert.Equal(3, study.Design.Epochs);
        Assert.Equal(0.6, study.Design.Models[0].Lanes[0].Parameters.Temperature);
        Assert.Equal("http://127.0.0.1:9/v1", study.Design.Models[0].Options["base_url"]);
        Assert.Equal(2048, study.Design.Models[1].Lanes[0].Parameters.ThinkingBudget);
        Assert.Equal("default", Assert.Single(study.Design.Models[2].Lanes).Name);
        Assert.Equal("0.01", study.Graders[0].Options["tolerance"]);
        Assert.Equal(2.5m, study.Budget.MaxUsd);
        Assert.Equal(new ModelPrice(0.15m, 0.6m), study.Budget.Prices["openai/gpt-4o-mini"]);
    }

    [Fact]
    public void An_unknown_key_points_at_its_line_and_suggests_the_right_one()
    {
        var error = Fails(Valid.Replace("  epochs: 3", "  epocs: 3", StringComparison.Ordinal));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(DiagnosticCodes.UnknownKey, diagnostic.Code);
        Assert.Equal((32, 3), (diagnostic.Location!.Line, diagnostic.Location.Column));
        Assert.Contains("did you mean 'epochs'?", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_type_says_what_was_expected()
    {
        var diagnostic = Assert.Single(Fails(Valid.Replace("epochs: 3", "epochs: three", StringComparison.Ordinal)).Diagnostics);

        Assert.Equal(DiagnosticCodes.WrongType, diagnostic.Code);
        Assert.Contains("whole number, got 'three'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(32, diagnostic.Location!.Line);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var broken = Valid
            .Replace("temperature: 0.6", "temperature: 7", StringComparison.Ordinal)
            .Replace("path: prompts/direct.txt", "path: prompts/missing.txt", StringComparison.Ordinal)
            .Replace("type: numeric", "type: numerc", StringComparison.Ordinal)
            .Replace("id: mock/plain", "id: mystery/plain", StringComparison.Ordinal);

        var codes = Fails(broken).Diagnostics.Select(diagnostic => diagnostic.Code).ToList();

        Assert.Equal([DiagnosticCodes.InvalidValue, DiagnosticCodes.UnknownProvider, DiagnosticCodes.MissingFile, DiagnosticCodes.InvalidValue], codes);
    }

    [Fact]
    public void Duplicate_names_point_at_the_second_and_name_the_first()
    {
        var diagnostic = Assert.Single(Fails(Valid.Replace("- id: mock/plain", "- id: openai/gpt-4o-mini", StringComparison.Ordinal)).Diagnostics);

        Assert.Equal(DiagnosticCodes.DuplicateName, diagnostic.Code);
        Assert.Contains("first at line 16", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("thinking_budget: 2048", "thinking_budget: 512", "at least 1024")]
    [InlineData("max_tokens: 4096", "max_tokens: 2000", "must be below max_tokens")]
    [InlineData("thinking_budget: 2048", "thinking_budget: 2048\n          temperature: 0.5", "temperature may only be 1")]
    public void Extended_thinking_rules_are_lane_errors(string from, string to, string phrase)
    {
        var diagnostic = Assert.Single(Fails(Valid.Replace(from, to, StringComparison.Ordinal)).Diagnostics);

        Assert.Equal(DiagnosticCodes.InvalidLane, diagnostic.Code);
        Assert.Contains(phrase, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_keys_are_named()
    {
        var diagnostics = Fails("name: x\n").Diagnostics;

        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.MissingKey && d.Message.Contains("'datasets'", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.MissingKey && d.Message.Contains("'design'", StringComparison.Ordinal));
    }

    [Fact]
    public void Yaml_syntax_errors_carry_the_parsers_position()
    {
        var diagnostic = Assert.Single(Fails("name: demo\ndatasets: [\n").Diagnostics);

        Assert.Equal(DiagnosticCodes.YamlSyntax, diagnostic.Code);
        Assert.True(diagnostic.Location!.Line >= 2);
    }

    [Fact]
    public void An_unclosed_flow_mapping_is_a_yaml_error_at_its_line()
    {
        var diagnostic = Assert.Single(Fails(Valid.Replace("options: {base_url: \"http://127.0.0.1:9/v1\"}", "options: {base_url: \"http://127.0.0.1:9/v1\"", StringComparison.Ordinal)).Diagnostics);

        Assert.Equal(DiagnosticCodes.YamlSyntax, diagnostic.Code);
        Assert.Equal((17, 16), (diagnostic.Location!.Line, diagnostic.Location.Column));
        Assert.Contains("'{' is never closed", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_study_file_is_a_clear_error()
    {
        var error = Assert.Throws<StudyException>(() => StudyLoader.Load(Path.Combine(_folder.Path, "nope", "study.yaml")));

        Assert.Equal(DiagnosticCodes.StudyFileMissing, Assert.Single(error.Diagnostics).Code);
    }

    [Fact]
    public void Load_reads_from_disk_and_resolves_paths_against_the_study_folder()
    {
        var file = _folder.Write("study.yaml", Valid);

        var study = StudyLoader.Load(file);

        Assert.Equal(Path.Combine(_folder.Path, "data", "items.jsonl"), study.Resolve(study.Datasets[0].Path));
    }

    public void Dispose() => _folder.Dispose();

    private StudyConfig Parse(string yaml) => StudyLoader.Parse(yaml, "study.yaml", _folder.Path);

    private StudyException Fails(string yaml) => Assert.Throws<StudyException>(() => Parse(yaml));
}
