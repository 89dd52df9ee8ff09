using ItemEval.FakeProviders;
using ItemEval.Runtime.Grading.Judges;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;
using ItemEval.Runtime.Tests.Providers;

namespace ItemEval.Runtime.Tests.Grading.Judges;

/// <summary>A rubric judge on the fake Anthropic server grading answers the fake OpenAI server gave.</summary>
public sealed class RubricJudgeTests : FakeServerTest
{
    /// <summary>What the judge answers for each item (by its question): one reply per output-contract outcome.</summary>
    private static readonly Dictionary<string, string> Replies = new(StringComparer.Ordinal)
    {
        ["What is 1 + 1?"] = "Matches the reference.\nRating: [[7]]",
        ["What is 2 + 2?"] = "The answer looks fine to me.",
        ["What is 3 + 3?"] = "First I thought Rating: [[3]] but then Rating: [[8]]",
        ["What is 4 + 4?"] = "Rating: [[11]]",
        ["What is 5 + 5?"] = """{"score": 4, "reasoning": "cut of""",
        ["What is 6 + 6?"] = "I'm sorry, but I can't help with grading this.",
        ["What is 7 + 7?"] = "   ",
        ["What is 8 + 8?"] = "```json\n{\"score\": 10, \"reasoning\": \"exact\"}\n```",
    };

    [Fact]
    public async Task Every_parse_failure_code_is_stored_with_the_judges_raw_text_and_a_rerun_does_not_ask_again()
    {
        Server.Behavior.Reply = prompt => prompt.StartsWith(JudgedStudy.JudgeMarker, StringComparison.Ordinal)
            ? Replies[prompt.Split('\n').Single(line => line.StartsWith("Question: ", StringComparison.Ordinal))["Question: ".Length..]]
            : "The answer is 2.";
        using var study = JudgedStudy.Create(Server.BaseUrl, JudgedStudy.Rubric("correct", Server.BaseUrl));
        await JudgedStudy.GenerateAsync(study);

        var first = await GradeStage.RunAsync(study.Context(), CancellationToken.None);
        var judgeCalls = JudgeRequests();
        var second = await GradeStage.RunAsync(study.Context(), CancellationToken.None);

        var rows = JudgedStudy.Gradings(study, "correct");
        Assert.Equal(
            [
                ("q1", "done", null), ("q2", "parse_failure", VerdictCodes.NoVerdict), ("q3", "parse_failure", VerdictCodes.SeveralVerdicts),
                ("q4", "parse_failure", VerdictCodes.OutOfRange), ("q5", "parse_failure", VerdictCodes.MalformedJson),
                ("q6", "parse_failure", VerdictCodes.Refusal), ("q7", "parse_failure", VerdictCodes.Empty), ("q8", "done", null),
            ],
            rows.Select(row => (row.ItemId, row.Status, row.Code)));
        Assert.All(rows, row => Assert.Equal(Replies[$"What is {row.ItemId[1..]} + {row.ItemId[1..]}?"], row.Raw));
        Assert.All(rows, row => Assert.NotNull(row.Transcript));
        Assert.Equal((6.0 / 9, "7"), (rows[0].Score!.Value, rows[0].Extracted));
        Assert.Equal((1.0, "10"), (rows[7].Score!.Value, rows[7].Extracted));
        Assert.Equal((8, 0, 8), (first.NewGradings, first.FailedGradings, judgeCalls));
        Assert.Equal((0, 8), (second.NewGradings, JudgeRequests()));
    }

    [Fact]
    public async Task The_judges_calls_are_in_the_ledger_as_judge_and_match_what_the_provider_billed()
    {
        Server.Behavior.Reply = prompt => prompt.StartsWith(JudgedStudy.JudgeMarker, StringComparison.Ordinal) ? "Rating: [[9]]" : "The answer is 2.";
        using var study = JudgedStudy.Create(Server.BaseUrl, JudgedStudy.Rubric("correct", Server.BaseUrl, judge: "openai/" + JudgedStudy.OpenAIJudge));
        await JudgedStudy.GenerateAsync(study);

        await GradeStage.RunAsync(study.Context(), CancellationToken.None);

        using var store = StudyStore.Open(study.Artifacts);
        var judgeUsd = Convert.ToDecimal(store.Connection.Scalar("SELECT sum(usd) FROM ledger WHERE kind = 'judge'"));
        var gradingUsd = Convert.ToDecimal(store.Connection.Scalar("SELECT sum(usd) FROM gradings"));
        var billed = Server.BilledUsd(model => model == JudgedStudy.OpenAIJudge ? new FakePrice(3, 15) : new FakePrice(0, 0));
        Assert.True(billed > 0);
        Assert.Equal(billed, judgeUsd);
        Assert.Equal(billed, gradingUsd);
        Assert.Equal(8, Convert.ToInt32(store.Connection.Scalar("SELECT count(*) FROM ledger WHERE kind = 'judge'")));
    }

    [Fact]
    public async Task A_transport_error_is_an_error_grading_asked_again_on_the_next_grade()
    {
        Server.Behavior.Reply = prompt => prompt.StartsWith(JudgedStudy.JudgeMarker, StringComparison.Ordinal) ? "Rating: [[9]]" : "The answer is 2.";
        using var study = JudgedStudy.Create(Server.BaseUrl, JudgedStudy.Rubric("correct", Server.BaseUrl), items: 1);
        await JudgedStudy.GenerateAsync(study);
        Server.Behavior.FailNext(4, 500);

        var first = await GradeStage.RunAsync(study.Context(), CancellationToken.None);
        var afterFirst = JudgedStudy.Gradings(study, "correct");
        var second = await GradeStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.Equal(1, first.FailedGradings);
        Assert.Equal("error", Assert.Single(afterFirst).Status);
        Assert.Equal(0, second.FailedGradings);
        Assert.Equal(("done", 8.0 / 9), (JudgedStudy.Gradings(study, "correct")[0].Status, JudgedStudy.Gradings(study, "correct")[0].Score!.Value));
    }

    [Fact]
    public async Task A_second_rubric_asks_the_judge_only_for_it_and_grade_never_calls_the_generating_model()
    {
        Server.Behavior.Reply = prompt => prompt.StartsWith(JudgedStudy.JudgeMarker, StringComparison.Ordinal) ? "Rating: [[9]]" : "The answer is 2.";
        using var study = JudgedStudy.Create(Server.BaseUrl, JudgedStudy.Rubric("correct", Server.BaseUrl));
        await JudgedStudy.GenerateAsync(study);
        var generated = GeneratorRequests();
        await GradeStage.RunAsync(study.Context(), CancellationToken.None);
        var firstJudging = Server.Requests.Where(IsJudge).Select(Prompt).ToList();

        File.WriteAllText(study.StudyFile, File.ReadAllText(study.StudyFile).Replace(
            "budget:", JudgedStudy.Rubric("concise", Server.BaseUrl, "rubrics/concise.txt") + "\nbudget:", StringComparison.Ordinal));
        var second = await GradeStage.RunAsync(study.Context(), CancellationToken.None);

        var secondJudging = Server.Requests.Where(IsJudge).Select(Prompt).Skip(firstJudging.Count).ToList();
        Assert.Equal(8, generated);
        Assert.Equal(8, firstJudging.Count);
        Assert.Equal((8, 16), (second.NewGradings, second.PlannedGradings));
        Assert.Equal(8, secondJudging.Count);
        Assert.All(secondJudging, prompt => Assert.Contains("one sentence", prompt, StringComparison.Ordinal));
        Assert.Equal(generated, GeneratorRequests());
        Assert.Equal(8, JudgedStudy.Gradings(study, "correct").Count);
        Assert.Equal(8, JudgedStudy.Gradings(study, "concise").Count);
    }

    [Fact]
    public async Task Anthropic_judge_requests_mark_the_shared_prefix_for_caching_and_the_cache_tokens_reach_the_export()
    {
        Server.Behavior.Reply = prompt => prompt.StartsWith(JudgedStudy.JudgeMarker, StringComparison.Ordinal) ? "Rating: [[9]]" : "The answer is 2.";
        using var study = JudgedStudy.Create(Server.BaseUrl, JudgedStudy.Rubric("correct", Server.BaseUrl), items: 2);
        await JudgedStudy.GenerateAsync(study);

        await GradeStage.RunAsync(study.Context(), CancellationToken.None);
        ExportStage.Run(study.Context());

        var judged = Server.Requests.Where(IsJudge).ToList();
        Assert.Equal(2, judged.Count);
        Assert.All(judged, request =>
        {
            var blocks = request.Body["messages"]![0]!["content"]!.AsArray();
            Assert.Equal(2, blocks.Count);
            Assert.Equal("ephemeral", (string?)blocks[0]!["cache_control"]!["type"]);
            Assert.Null(blocks[1]!["cache_control"]);
            var shared = (string)blocks[0]!["text"]!;
            Assert.StartsWith(JudgedStudy.JudgeMarker + "\nScore 10 when", shared, StringComparison.Ordinal);
            Assert.EndsWith("Answer: ", shared, StringComparison.Ordinal);
            Assert.StartsWith("The answer is 2.", (string)blocks[1]!["text"]!, StringComparison.Ordinal);
        });

        // The fake Anthropic server reports 5 cache-read and 2 cache-write input tokens per answer.
        var exported = Assert.Single(JudgedStudy.Exported(study, "judges", "cache_read_tokens, cache_write_tokens", reader => (reader.GetInt64(0), reader.GetInt64(1))));
        Assert.Equal((10L, 4L), exported);
    }

    private static bool IsJudge(RecordedRequest request) => (string?)request.Body["model"] == JudgedStudy.Judge;

    private static string Prompt(RecordedRequest request) => request.Body["messages"]!.ToJsonString();

    private int JudgeRequests() => Server.Requests.Count(IsJudge);

    private int GeneratorRequests() => Server.Requests.Count(request => (string?)request.Body["model"] == JudgedStudy.Generator);
}
