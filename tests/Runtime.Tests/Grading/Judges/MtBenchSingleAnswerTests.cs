using System.Text.Json;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Tests.Providers;
using ItemEval.Runtime.Tests.Stages;

namespace ItemEval.Runtime.Tests.Grading.Judges;

/// <summary>
/// A single-answer study on MT-Bench (../shared/datasets/mt_bench, read in place through a mapping), judged with
/// MT-Bench's own <c>single-v1</c> judge prompt (its <c>{question}</c>/<c>{answer}</c> renamed to <c>{input}</c>/<c>{output}</c>)
/// by a fake Anthropic judge answering in MT-Bench's <c>Rating: [[n]]</c> format on the 1–10 scale.
/// </summary>
public sealed class MtBenchSingleAnswerTests : FakeServerTest
{
    private const int Items = 10;

    [Fact]
    public async Task Mt_bench_questions_are_judged_with_the_official_single_answer_prompt_on_a_one_to_ten_scale()
    {
        var folder = Path.Combine(TestPaths.SharedDatasets, "mt_bench");
        var official = File.ReadLines(Path.Combine(folder, "judge_prompts.jsonl")).Select(line => JsonDocument.Parse(line).RootElement)
            .Single(prompt => prompt.GetProperty("name").GetString() == "single-v1");
        var template = JudgedStudy.JudgeMarker + "\n" + official.GetProperty("system_prompt").GetString() + "\n\n"
            + official.GetProperty("prompt_template").GetString()!.Replace("{question}", "{input}", StringComparison.Ordinal).Replace("{answer}", "{output}", StringComparison.Ordinal);
        Server.Behavior.Reply = prompt => !prompt.StartsWith(JudgedStudy.JudgeMarker, StringComparison.Ordinal) ? "Here is my answer."
            : prompt.Contains("Hawaii", StringComparison.Ordinal) ? "Too short for a blog post.\nRating: [[2]]" : "Adequate.\nRating: [[7]]";
        var grader = JudgedStudy.Rubric("single", Server.BaseUrl).Replace("    rubric: rubrics/correct.txt\n", "", StringComparison.Ordinal);
        var yaml = $$"""
            name: mtbench
            datasets:
              - name: mt
                path: {{Path.Combine(folder, "question.jsonl")}}
                limit: {{Items}}
                mapping: {id: question_id, input: turns, metadata: [category]}
            design:
              models:
                - id: openai/{{JudgedStudy.Generator}}
                  options: {base_url: "{{Server.BaseUrl}}/v1"}
              templates:
                - name: plain
                  path: prompts/plain.txt
            graders:
            {{grader}}
            budget:
              max_usd: 5
            """;
        using var study = new TempStudy(1, yaml) { Environment = FakeServerStudy.Keys, Retries = FakeServerStudy.FastRetries };
        File.WriteAllText(Path.Combine(study.Directory, "prompts", "judge.txt"), template);
        var options = new StageOptions(DataRoots: [TestPaths.SharedDatasets]);
        study.Prepare(options);
        await GenerateStage.RunAsync(study.Context(options), CancellationToken.None);

        var graded = await GradeStage.RunAsync(study.Context(options), CancellationToken.None);

        Assert.Equal((Items, 0), (graded.NewGradings, graded.FailedGradings));
        var rows = JudgedStudy.Gradings(study, "single");
        Assert.Equal(("81", "2", 1.0 / 9), (rows[0].ItemId, rows[0].Extracted, rows[0].Score!.Value));
        Assert.All(rows.Skip(1), row => Assert.Equal(("7", 6.0 / 9), (row.Extracted, row.Score!.Value)));
        var judgePrompt = Server.Requests.Where(request => (string?)request.Body["model"] == JudgedStudy.Judge)
            .Select(request => string.Concat(request.Body["messages"]![0]!["content"]!.AsArray().Select(block => (string?)block!["text"]))).First();
        Assert.Contains("Please act as an impartial judge", judgePrompt, StringComparison.Ordinal);
        Assert.Contains("[The Start of Assistant's Answer]", judgePrompt, StringComparison.Ordinal);
    }
}
