using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Design;

namespace ItemEval.Runtime.Tests.Design;

public sealed class TemplateParserTests
{
    private static readonly Item Item = new("quiz", "q1", "What is 2+2?", "4", ["3", "4"], "numeric", new Dictionary<string, string> { ["topic"] = "sums" }, "h");

    [Theory]
    [InlineData("Return JSON like {\"answer\": 1}", "Return JSON like {\"answer\": 1}")]
    [InlineData(@"Compute \frac{1}{2} and \mathbf{x}^{n} or x_{i}", @"Compute \frac{1}{2} and \mathbf{x}^{n} or x_{i}")]
    [InlineData("Literal {{input}} braces", "Literal {input} braces")]
    [InlineData("Q: {input}\n{choices}", "Q: What is 2+2?\nA. 3\nB. 4")]
    [InlineData("[{dataset}/{id}] {metadata.topic}", "[quiz/q1] sums")]
    public void Renders_placeholders_and_leaves_other_braces_alone(string template, string expected)
    {
        Assert.Equal(expected, TemplateRenderer.Fill(template, Item));
    }

    [Fact]
    public void The_target_is_never_substituted()
    {
        Assert.Equal("{target}", TemplateRenderer.Fill("{{target}}", Item));
        var config = new TemplateConfig("t", "t.txt", null, new SourceLocation("study.yaml", 9, 7));
        Assert.Single(PlaceholderCheck.Validate(new PromptTemplate("t", "{target}", null, "h"), config, []));
    }

    [Fact]
    public void An_unknown_placeholder_is_located_and_gets_a_suggestion()
    {
        var config = new TemplateConfig("cot", "prompts/cot.txt", null, new SourceLocation("study.yaml", 14, 7));
        var template = new PromptTemplate("cot", "Think.\n  Q: {questoin}", null, "h");

        var diagnostic = Assert.Single(PlaceholderCheck.Validate(template, config, ["topic"]));

        Assert.Equal(DiagnosticCodes.UnknownPlaceholder, diagnostic.Code);
        Assert.Equal(new SourceLocation("study.yaml", 14, 7), diagnostic.Location);
        Assert.Contains("{questoin} in prompts/cot.txt (line 2, column 6)", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean {input}?", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("{metadata.topic}", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void System_text_becomes_a_system_message()
    {
        var messages = TemplateRenderer.Render(new PromptTemplate("t", "{input}", "Be brief about {metadata.topic}.", "h"), Item);

        Assert.Equal(["system", "user"], messages.Select(message => message.Role));
        Assert.Equal("Be brief about sums.", messages[0].Content);
    }
}
