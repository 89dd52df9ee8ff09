using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Tests.Config;

/// <summary><c>batch</c> / <c>batch_min_cells</c> at the top of study.yaml and <c>batch</c> on a model.</summary>
public sealed class BatchSectionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public BatchSectionTests()
    {
        _folder.Write("data/items.jsonl", "{}\n");
        _folder.Write("prompts/direct.txt", "{input}");
    }

    [Fact]
    public void Batch_is_off_by_default_with_twenty_cells_as_the_auto_threshold()
    {
        var study = Parse(Study(top: "", openai: "", gemini: ""));

        Assert.Equal(BatchConfig.Off, study.Batch);
        Assert.All(study.Design.Models, model => Assert.Equal(BatchMode.False, study.Batch.For(model)));
    }

    [Fact]
    public void A_models_own_batch_overrides_the_studys()
    {
        var study = Parse(Study(top: "batch: auto\nbatch_min_cells: 50\n", openai: "      batch: true\n", gemini: "      batch: false\n"));

        Assert.Equal(new BatchConfig(BatchMode.Auto, 50), study.Batch);
        Assert.Equal(BatchMode.True, study.Batch.For(study.Design.Models[0]));
        Assert.Equal(BatchMode.False, study.Batch.For(study.Design.Models[1]));
    }

    [Fact]
    public void Batch_true_on_a_provider_without_a_batch_api_is_an_error_at_that_models_line()
    {
        var error = Assert.Throws<StudyException>(() => Parse(Study(top: "", openai: "", gemini: "      batch: true\n")));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(DiagnosticCodes.InvalidValue, diagnostic.Code);
        Assert.Equal(10, diagnostic.Location!.Line);
        Assert.Contains("model 'google/gemini-2.5-flash'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("set batch: false or auto", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_studys_batch_true_names_every_model_that_cannot_batch_unless_it_opts_out()
    {
        var failing = Assert.Throws<StudyException>(() => Parse(Study(top: "batch: true\n", openai: "", gemini: "")));
        Assert.Contains("the study's batch: true", Assert.Single(failing.Diagnostics).Message, StringComparison.Ordinal);

        var optedOut = Parse(Study(top: "batch: true\n", openai: "", gemini: "      batch: false\n"));
        Assert.Equal(BatchMode.True, optedOut.Batch.For(optedOut.Design.Models[0]));
    }

    [Theory]
    [InlineData("batch: sometimes\n", "batch must be one of auto, true, false")]
    [InlineData("batch_min_cells: 0\n", "batch_min_cells must be at least 1")]
    public void A_bad_value_says_what_is_allowed(string top, string expected)
    {
        var error = Assert.Throws<StudyException>(() => Parse(Study(top, openai: "", gemini: "")));

        Assert.Contains(expected, Assert.Single(error.Diagnostics).Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private static string Study(string top, string openai, string gemini) => $"""
        name: demo
        {top}datasets:
          - name: quiz
            path: data/items.jsonl
            mapping: {"{"}id: id, input: question{"}"}
        design:
          models:
            - id: openai/gpt-4o-mini
        {openai}
            - id: google/gemini-2.5-flash
        {gemini}
          templates:
            - name: direct
              path: prompts/direct.txt
        """;

    private StudyConfig Parse(string yaml) => StudyLoader.Parse(yaml, "study.yaml", _folder.Path);
}
