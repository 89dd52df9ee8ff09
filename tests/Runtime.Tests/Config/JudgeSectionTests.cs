using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Tests.Config;

/// <summary>The judge keys of <c>graders:</c>, and their errors at study.yaml(line,col).</summary>
public sealed class JudgeSectionTests : IDisposable
{
    private const string Study = """
        name: demo
        datasets:
          - name: quiz
            path: data/items.jsonl
        design:
          models:
            - id: mock/judge
              options: {accuracy: 0.9}
          templates:
            - name: direct
              path: prompts/direct.txt
        graders:
          - name: correct
            type: rubric
            model: mock/judge
            lane: {temperature: 0, max_tokens: 64}
            template: prompts/judge.txt
            rubric: rubrics/r.txt
            options: {scale: [1, 10]}
          - name: h2h
            type: pairwise
            model: {id: openai/gpt-4o-mini, options: {base_url: "http://127.0.0.1:9/v1", rpm: 60}}
            template: prompts/judge.txt
            against: mock-judge-default-direct
          - name: policy
            type: compliance
            model: mock/other
            template: prompts/judge.txt
            options: {statement_column: policy}
        """;

    private readonly TempFolder _folder = new();

    public JudgeSectionTests()
    {
        _folder.Write("data/items.jsonl", "{}\n");
        _folder.Write("prompts/direct.txt", "{input}");
        _folder.Write("prompts/judge.txt", "{output}");
        _folder.Write("rubrics/r.txt", "be strict");
    }

    [Fact]
    public void Judge_graders_parse_with_their_model_lane_template_rubric_and_options()
    {
        var graders = StudyLoader.Parse(Study, "study.yaml", _folder.Path).Graders;

        var rubric = graders[0].Judge!;
        Assert.Equal(("mock/judge", "0.9"), (rubric.Model.Id, rubric.Model.Options["accuracy"]));
        Assert.Equal((0.0, 64), (rubric.Lane.Temperature!.Value, rubric.Lane.MaxTokens!.Value));
        Assert.Equal(("prompts/judge.txt", "rubrics/r.txt", new JudgeScale(1, 10)), (rubric.Template, rubric.Rubric, rubric.Scale));
        var pairwise = graders[1].Judge!;
        Assert.Equal(("openai/gpt-4o-mini", "60", "mock-judge-default-direct"), (pairwise.Model.Id, pairwise.Model.Options["rpm"], pairwise.Against));
        Assert.Equal(JudgeScale.Unit, pairwise.Scale);
        Assert.Equal("policy", graders[2].Judge!.StatementColumn);
        Assert.Empty(graders[2].Judge!.Model.Options);
    }

    [Theory]
    [InlineData("    options: {scale: [1, 10]}", "    options: {scale: [10, 1]}", DiagnosticCodes.InvalidValue, 19, 22, "scale must be [lowest, highest]")]
    [InlineData("    template: prompts/judge.txt\n    rubric", "    template: prompts/nope.txt\n    rubric", DiagnosticCodes.MissingFile, 17, 15, "file prompts/nope.txt not found")]
    [InlineData("    rubric: rubrics/r.txt", "    rubric: rubrics/r.txt\n    against: x", DiagnosticCodes.UnknownKey, 19, 14, "'against' names a baseline condition for pairwise judges only")]
    [InlineData("    options: {statement_column: policy}", "", DiagnosticCodes.MissingKey, 25, 5, "needs options: {statement_column")]
    [InlineData("    lane: {temperature: 0, max_tokens: 64}", "    lane: {name: x, max_tokens: 64}", DiagnosticCodes.UnknownKey, 16, 12, "unknown key 'name'")]
    [InlineData("    lane: {temperature: 0, max_tokens: 64}", "    lane: {temperature: 0.5, max_tokens: 2048, thinking_budget: 1024}", DiagnosticCodes.InvalidLane, 16, 25, "temperature may only be 1")]
    [InlineData("    model: mock/other", "    model: mystery/judge", DiagnosticCodes.UnknownProvider, 27, 12, "unknown provider 'mystery'")]
    public void A_judge_mistake_is_an_error_at_its_line(string from, string to, string code, int line, int column, string phrase)
    {
        Assert.Contains(from, Study, StringComparison.Ordinal);
        var error = Assert.Throws<StudyException>(() => StudyLoader.Parse(Study.Replace(from, to, StringComparison.Ordinal), "study.yaml", _folder.Path));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal((code, line, column), (diagnostic.Code, diagnostic.Location!.Line, diagnostic.Location.Column));
        Assert.Contains(phrase, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scorer_given_a_judge_key_is_told_only_judges_call_a_model()
    {
        var yaml = Study.Replace("graders:\n", "graders:\n  - name: num\n    type: numeric\n    model: mock/judge\n", StringComparison.Ordinal);

        var diagnostic = Assert.Single(Assert.Throws<StudyException>(() => StudyLoader.Parse(yaml, "study.yaml", _folder.Path)).Diagnostics);

        Assert.Equal((DiagnosticCodes.UnknownKey, 15), (diagnostic.Code, diagnostic.Location!.Line));
        Assert.Contains("grader 'num' of type numeric takes no 'model': only judges (compliance, pairwise, rubric) call a model", diagnostic.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
