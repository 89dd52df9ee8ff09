using ItemEval.Runtime.Config;
using ItemEval.Runtime.Grading.Judges;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Mock;

namespace ItemEval.Runtime.Tests.Providers.Mock;

/// <summary>Mock judges answer in the template's format, read the reference, and honour accuracy, position bias and parse failures.</summary>
public sealed class MockJudgeTests
{
    private const string Right = "The answer is 4.";
    private const string Wrong = "The answer is 5.";
    private readonly MockModelClient _client = new();

    [Theory]
    [InlineData(true, Right, "Rating: [[10]]")]
    [InlineData(true, Wrong, "Rating: [[1]]")]
    [InlineData(false, Right, "\"score\": 10")]
    public async Task A_truthful_rubric_judge_scores_by_the_reference_in_the_templates_format(bool rating, string output, string expected)
    {
        var text = await Answer(new JudgeCue("rubric", output, null, "4", new JudgeScale(1, 10), rating), "accuracy: 1", "q");

        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.True(RubricVerdictParser.Parse(text, "stop", new JudgeScale(1, 10)).Parsed);
    }

    [Fact]
    public async Task A_truthful_pairwise_judge_prefers_the_right_answer_in_either_position()
    {
        var firstRight = await Answer(new JudgeCue("pairwise", Right, Wrong, "4", JudgeScale.Unit, true), "accuracy: 1", "q");
        var secondRight = await Answer(new JudgeCue("pairwise", Wrong, Right, "4", JudgeScale.Unit, true), "accuracy: 1", "q");
        var bothRight = await Answer(new JudgeCue("pairwise", Right, Right, "4", JudgeScale.Unit, false), "accuracy: 1", "q");

        Assert.Equal(["A", "B", "tie"], new[] { firstRight, secondRight, bothRight }.Select(text => PairwiseVerdictParser.Parse(text, "stop").Label));
    }

    [Fact]
    public async Task Full_position_bias_always_picks_the_first_position()
    {
        var labels = new List<string?>();
        for (var i = 0; i < 50; i++)
        {
            labels.Add(PairwiseVerdictParser.Parse(await Answer(new JudgeCue("pairwise", Wrong, Right, "4", JudgeScale.Unit, true), "accuracy: 1, position_bias: 1", $"q{i}"), "stop").Label);
        }

        Assert.All(labels, label => Assert.Equal("A", label));
    }

    [Fact]
    public async Task Parse_failures_come_in_each_of_three_unreadable_kinds()
    {
        var codes = new List<string?>();
        for (var i = 0; i < 300; i++)
        {
            codes.Add(RubricVerdictParser.Parse(await Answer(new JudgeCue("rubric", Right, null, "4", JudgeScale.Unit, false), "parse_failure_rate: 1", $"q{i}"), "stop", JudgeScale.Unit).Code);
        }

        var counts = codes.GroupBy(code => code).ToDictionary(group => group.Key ?? "parsed", group => group.Count());
        Assert.Equal([VerdictCodes.MalformedJson, VerdictCodes.NoVerdict, VerdictCodes.Refusal], counts.Keys.Order(StringComparer.Ordinal));
        Assert.All(counts.Values, count => Assert.InRange(count, 60, 140));
    }

    private async Task<string> Answer(JudgeCue cue, string options, string prompt)
    {
        var parsed = options.Split(',', StringSplitOptions.TrimEntries).Select(pair => pair.Split(':', StringSplitOptions.TrimEntries)).ToDictionary(pair => pair[0], pair => pair[1]);
        var request = new ModelRequest("mock/judge", [new ChatMessage("user", prompt)], LaneParameters.None, 0, parsed, cue.Reference, "cell", cue);
        return (await _client.CompleteAsync(request, CancellationToken.None)).Text;
    }
}
