using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Tests.Config;

/// <summary>What the loader refuses before anything is spent: paths out of the study, bad options, patterns and sizes.</summary>
public sealed class StudyFileSafetyTests : IDisposable
{
    private const string Study = """
        name: demo
        datasets:
          - name: quiz
            path: data/items.jsonl
        design:
          models:
            - id: openai/gpt-4o-mini
              options: {base_url: "http://127.0.0.1:9/v1", rpm: 300, tpm: 100000, max_concurrency: 8, timeout_seconds: 30}
              lanes:
                - name: t0
                  max_tokens: 300
            - id: mock/plain
              options: {accuracy: 0.9, latency_ms: 5, error_rate: 0.1, empty_rate: 0.1}
          templates:
            - name: direct
              path: prompts/direct.txt
          epochs: 3
        graders:
          - name: rx
            type: regex
            options: {pattern: '(?<answer>\d+)'}
        """;

    private readonly TempFolder _folder = new();

    public StudyFileSafetyTests()
    {
        _folder.Write("study/data/items.jsonl", "{}\n");
        _folder.Write("study/prompts/direct.txt", "{input}");
        _folder.Write("secret.txt", "not the study's");
        _folder.Write("shared/items.jsonl", "{}\n");
    }

    private string StudyDirectory => Path.Combine(_folder.Path, "study");

    [Fact]
    public void Every_option_something_reads_is_accepted()
    {
        var study = Parse(Study);

        Assert.Equal("300", study.Design.Models[0].Options["rpm"]);
        Assert.Equal("0.9", study.Design.Models[1].Options["accuracy"]);
    }

    [Theory]
    [InlineData("path: prompts/direct.txt", "path: ../secret.txt", 16)]
    [InlineData("path: prompts/direct.txt", "path: prompts/../../secret.txt", 16)]
    [InlineData("path: data/items.jsonl", "path: ../../../../../../../../etc/passwd", 4)]
    [InlineData("path: data/items.jsonl", "path: /etc/hostname", 4)]
    public void A_path_out_of_the_study_folder_is_refused_at_its_line(string from, string to, int line)
    {
        var diagnostic = Assert.Single(Fails(Study.Replace(from, to, StringComparison.Ordinal)).Diagnostics);

        Assert.Equal((DiagnosticCodes.PathOutsideStudy, line), (diagnostic.Code, diagnostic.Location!.Line));
        Assert.Contains("--data-root", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_out_of_the_study_folder_is_refused_and_a_data_root_allows_it()
    {
        File.CreateSymbolicLink(Path.Combine(StudyDirectory, "data", "linked.jsonl"), Path.Combine(_folder.Path, "shared", "items.jsonl"));
        var yaml = Study.Replace("path: data/items.jsonl", "path: data/linked.jsonl", StringComparison.Ordinal);

        Assert.Equal(DiagnosticCodes.PathOutsideStudy, Assert.Single(Fails(yaml).Diagnostics).Code);
        Assert.Equal("data/linked.jsonl", Parse(yaml, Path.Combine(_folder.Path, "shared")).Datasets[0].Path);
    }

    [Fact]
    public void A_path_inside_the_study_that_names_a_folder_is_not_a_file()
    {
        var diagnostics = Fails(Study.Replace("path: data/items.jsonl", "path: data", StringComparison.Ordinal)).Diagnostics;

        Assert.Contains(diagnostics, diagnostic => diagnostic.Code == DiagnosticCodes.MissingFile && diagnostic.Message.Contains("is a folder, not a file", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("rpm: 300", "batch: true", "unknown key 'batch'")]
    [InlineData("max_concurrency: 8", "max_concurency: 8", "did you mean 'max_concurrency'?")]
    [InlineData("rpm: 300", "accuracy: 0.5", "unknown key 'accuracy'")]
    [InlineData("rpm: 300", "rpm: 0", "rpm must be at least 1")]
    [InlineData("timeout_seconds: 30", "timeout_seconds: 0", "timeout_seconds must be above 0")]
    [InlineData("http://127.0.0.1:9/v1", "file:///etc/passwd", "http:// or https:// URL")]
    [InlineData("accuracy: 0.9", "accuracy: 9", "accuracy must be between 0 and 1")]
    public void Model_options_nothing_reads_or_out_of_range_are_refused(string from, string to, string phrase)
    {
        var diagnostic = Assert.Single(Fails(Study.Replace(from, to, StringComparison.Ordinal)).Diagnostics);

        Assert.Contains(phrase, diagnostic.Message, StringComparison.Ordinal);
        Assert.InRange(diagnostic.Location!.Line, 8, 13);
    }

    [Theory]
    [InlineData(@"'(?<answer>\d+)'", @"'(?<answer>\d+'", "not a valid regular expression")]
    [InlineData("{pattern:", "{patern:", "did you mean 'pattern'?")]
    public void A_grader_pattern_that_cannot_compile_fails_at_load(string from, string to, string phrase)
    {
        var diagnostics = Fails(Study.Replace(from, to, StringComparison.Ordinal)).Diagnostics;

        Assert.Contains(diagnostics, diagnostic => diagnostic.Message.Contains(phrase, StringComparison.Ordinal) && diagnostic.Location!.Line == 21);
    }

    [Theory]
    [InlineData("epochs: 3", "epochs: 1000000000", "design.epochs must be at most 1000")]
    [InlineData("epochs: 3", "epochs: 99999999999999999999999", "design.epochs must be at most 1000")]
    [InlineData("max_tokens: 300", "max_tokens: 2000000", "max_tokens must be at most 1000000")]
    [InlineData("rpm: 300", "rpm: 5000000", "rpm must be at most 1000000")]
    public void Values_beyond_the_documented_bounds_are_errors_at_their_line(string from, string to, string phrase)
    {
        var diagnostic = Assert.Single(Fails(Study.Replace(from, to, StringComparison.Ordinal)).Diagnostics);

        Assert.Equal(DiagnosticCodes.InvalidValue, diagnostic.Code);
        Assert.Contains(phrase, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grid_too_large_for_its_items_is_an_error_at_the_design()
    {
        var study = Parse(Study.Replace("epochs: 3", "epochs: 1000", StringComparison.Ordinal));

        var diagnostic = Assert.Single(StudyLimits.CheckGrid(study, items: 2_000));

        Assert.Equal((DiagnosticCodes.TooLarge, study.Design.Location), (diagnostic.Code, diagnostic.Location));
        Assert.Empty(StudyLimits.CheckGrid(study, items: 500));
    }

    public void Dispose() => _folder.Dispose();

    private StudyConfig Parse(string yaml, params string[] dataRoots) => StudyLoader.Parse(yaml, "study.yaml", StudyDirectory, dataRoots);

    private StudyException Fails(string yaml) => Assert.Throws<StudyException>(() => Parse(yaml));
}
