using ItemEval.Runtime.Config;
using ItemEval.Runtime.Grading;

namespace ItemEval.Runtime.Tests.Grading;

/// <summary>
/// Grade keys the solutions new to its plan through a per-grader template (<see cref="GradingKeys.ForCells"/>); every
/// key must be the one <see cref="GradingKeys.For"/> computes in full, or stored gradings would stop matching.
/// </summary>
public sealed class GradingKeysTests
{
    private static readonly SourceLocation At = SourceLocation.Start("study.yaml");

    public static TheoryData<string> Cells() => new()
    {
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "c1",
        "cell-with-dash",
        "quote\"and\\backslash",
        "é<&>'+`",
        "",
        GradingKeyTemplate.CellSentinel,
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void A_template_key_is_the_full_key_for_every_kind_of_grader(string cell)
    {
        foreach (var (grader, prompt) in Graders())
        {
            Assert.Equal(GradingKeys.For(cell, grader, prompt), GradingKeys.ForCells(grader, prompt)(cell));
        }
    }

    [Fact]
    public void A_grader_whose_own_parts_hold_the_sentinel_still_gets_the_full_keys()
    {
        var grader = Scorer(new Dictionary<string, string> { ["pattern"] = GradingKeyTemplate.CellSentinel });
        Assert.Null(GradingKeyTemplate.TryCreate(new { cell = GradingKeyTemplate.CellSentinel, grader.Options }));
        Assert.Equal(GradingKeys.For("abc123", grader), GradingKeys.ForCells(grader)("abc123"));
    }

    [Fact]
    public void Different_cells_and_graders_get_different_keys()
    {
        var keys = Graders().SelectMany(pair => new[] { "a1", "a2" }.Select(cell => GradingKeys.ForCells(pair.Grader, pair.Prompt)(cell))).ToList();
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    private static IEnumerable<(GraderConfig Grader, string? Prompt)> Graders()
    {
        yield return (Scorer(new Dictionary<string, string>()), null);
        yield return (Scorer(new Dictionary<string, string> { ["tolerance"] = "0.01", ["z"] = "ü \"q\"", ["a"] = "<b>" }), null);
        yield return (Scorer(new Dictionary<string, string>()) with { Scheme = null }, null);
        var judgeModel = new ModelConfig(
            "openai/gpt-4o-mini",
            [new LaneConfig("cold", new LaneParameters(Temperature: 0, MaxTokens: 256), At)],
            new Dictionary<string, string> { ["reasoning"] = "low", ["base_url"] = "http://localhost:1" },
            At);
        var judge = new JudgeConfig(judgeModel, "prompts/judge.txt", "rubric.md", null, JudgeScale.Unit, null, null);
        yield return (new GraderConfig("rubric", "rubric", "free", new Dictionary<string, string> { ["k"] = "v" }, At, judge), "0a1b2c");
    }

    private static GraderConfig Scorer(IReadOnlyDictionary<string, string> options) => new("numeric", "numeric", "numeric", options, At);
}
