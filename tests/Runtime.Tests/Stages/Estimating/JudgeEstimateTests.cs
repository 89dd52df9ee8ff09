using ItemEval.FakeProviders;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Tests.Grading.Judges;
using ItemEval.Runtime.Tests.Providers;
using Microsoft.ML.Tokenizers;

namespace ItemEval.Runtime.Tests.Stages.Estimating;

/// <summary>
/// The judge stage of the estimate against the fake provider server: priced from the stored answers, it is what Grade
/// then gets billed; pairwise judges ask every pair of conditions in both orders; mock judges are free.
/// </summary>
public sealed class JudgeEstimateTests : FakeServerTest
{
    private static readonly FakePrice JudgePrice = new(3m, 15m);

    /// <summary>gpt-4.1-mini's own encoding, as the provider would count.</summary>
    private static readonly Tokenizer O200k = TiktokenTokenizer.CreateForModel("gpt-4o");

    [Fact]
    public async Task After_generate_the_rubric_judge_line_is_within_a_quarter_of_what_grade_is_billed()
    {
        // Answers and verdicts of varied length, billed by their real token counts (plus OpenAI's chat framing).
        Server.Behavior.Reply = prompt => prompt.StartsWith(JudgedStudy.JudgeMarker, StringComparison.Ordinal) ? Verdict(prompt) : Answer(prompt);
        Server.Behavior.Tokens = (prompt, reply) => (O200k.CountTokens(prompt) + 7, O200k.CountTokens(reply));
        using var study = JudgedStudy.Create(Server.BaseUrl, JudgedStudy.Rubric("correct", Server.BaseUrl, judge: "openai/" + JudgedStudy.OpenAIJudge), items: 10, stepByStep: true);
        await JudgedStudy.GenerateAsync(study);
        var generated = Server.BilledRequests.Count;

        var estimate = EstimateStage.Run(study.Context());
        await GradeStage.RunAsync(study.Context(), CancellationToken.None);

        var judging = Server.BilledRequests.Skip(generated).ToList();
        var billed = judging.Sum(bill => ((bill.InputTokens * JudgePrice.InputPerMillion) + (bill.OutputTokens * JudgePrice.OutputPerMillion)) / 1_000_000m);
        var lines = estimate.Lines.Where(line => line.Stage == CostLine.JudgeStage).ToList();
        Assert.Equal(20, generated);
        Assert.Equal(20, judging.Count);
        Assert.All(judging, bill => Assert.Equal(JudgedStudy.OpenAIJudge, bill.Model));
        Assert.Equal([("correct", 10), ("correct", 10)], lines.Select(line => (line.Grader, line.Calls)));
        Assert.True(lines.Sum(line => line.ExpectedUsd) is var expected && expected >= billed * 0.75m && expected <= billed * 1.25m, $"estimated {expected}, billed {billed}");
        Assert.True(lines.Sum(line => line.WorstCaseUsd) >= billed);
        Assert.Contains(study.Reporter.Lines, line => line.StartsWith("per stage: generate $0.0000 expected", StringComparison.Ordinal));
        Assert.Contains(study.Reporter.Lines, line => line.Contains("judge correct", StringComparison.Ordinal) && line.Contains("openai/" + JudgedStudy.OpenAIJudge, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, 3)]
    [InlineData("openai-gpt-4o-mini-l1-plain", 2)]
    public async Task A_pairwise_judge_is_estimated_at_two_calls_per_pair_before_generate_and_at_the_calls_grade_sends_after_it(string? against, int pairsPerItem)
    {
        Server.Behavior.Reply = prompt => prompt.StartsWith(JudgedStudy.JudgeMarker, StringComparison.Ordinal) ? "[[A]]" : "The answer is 2.";
        using var study = JudgedStudy.Create(Server.BaseUrl, JudgedStudy.Pairwise("h2h", Server.BaseUrl, against), items: 4, conditions: 3);
        study.Prepare();

        var beforeGenerate = JudgeCalls(EstimateStage.Run(study.Context()));
        await GenerateStage.RunAsync(study.Context(), CancellationToken.None);
        var generated = Server.RequestCount;
        var afterGenerate = JudgeCalls(EstimateStage.Run(study.Context()));
        var graded = await GradeStage.RunAsync(study.Context(), CancellationToken.None);
        var afterGrade = JudgeCalls(EstimateStage.Run(study.Context()));

        var calls = 4 * pairsPerItem * 2;
        Assert.Equal(calls, beforeGenerate);
        Assert.Equal(calls, graded.NewGradings);
        // Every condition answers alike, so every pair of an item sends the judge the same prompt: answered once, then
        // from the response cache at $0. Once the answers are stored the estimate counts only the calls that are sent.
        // (Two identical requests in flight at the same moment are both sent: the cache answers only what it holds.)
        var judgePrompts = Server.BilledRequests.Skip(generated).Select(bill => bill.Prompt).Distinct().Count();
        Assert.Equal((4, 4), (judgePrompts, afterGenerate));
        Assert.InRange(Server.RequestCount - generated, afterGenerate, calls);
        Assert.Equal(0, afterGrade);
    }

    [Fact]
    public async Task Mock_judges_are_estimated_at_zero_dollars_for_every_call()
    {
        Server.Behavior.Reply = _ => "The answer is 2.";
        using var study = JudgedStudy.Create(Server.BaseUrl, """
              - name: free
                type: rubric
                model: mock/judge
                lane: {temperature: 0, max_tokens: 256}
                template: prompts/judge.txt
                rubric: rubrics/correct.txt
                options: {scale: [1, 10]}
            """, items: 5);
        await JudgedStudy.GenerateAsync(study);

        var line = Assert.Single(EstimateStage.Run(study.Context()).Lines, line => line.Stage == CostLine.JudgeStage);

        Assert.Equal(("free", "mock/judge", 5), (line.Grader, line.Model, line.Calls));
        Assert.True(line.InputTokens > 0);
        Assert.Equal((0m, 0m), (line.ExpectedUsd, line.WorstCaseUsd));
    }

    private static int JudgeCalls(CostEstimate estimate) => estimate.Lines.Where(line => line.Stage == CostLine.JudgeStage).Sum(line => line.Calls);

    /// <summary>A generated answer whose length grows with the item: "What is 7 + 7?" explains seven times as much as item 1.</summary>
    private static string Answer(string prompt)
    {
        var n = Number(prompt);
        // The two templates get different answers: identical judge prompts would be one call and one cache hit.
        var steps = prompt.Contains("step by step", StringComparison.OrdinalIgnoreCase) ? $"Step by step: {n} + {n} = {2 * n}. " : "";
        return steps + $"The answer is {2 * n}." + string.Concat(Enumerable.Repeat($" Adding {n} to itself doubles it, which gives {2 * n}.", n));
    }

    /// <summary>A verdict with a sentence of justification, longer for longer answers, as judges write.</summary>
    private static string Verdict(string prompt) =>
        $"The answer states {2 * Number(prompt)}, which matches the reference exactly"
        + (Number(prompt) % 3 == 0 ? ", and its explanation of the doubling is correct though repetitive." : ".")
        + "\nRating: [[9]]";

    private static int Number(string prompt)
    {
        var start = prompt.IndexOf("What is ", StringComparison.Ordinal) + "What is ".Length;
        return int.Parse(prompt[start..prompt.IndexOf(' ', start)], System.Globalization.CultureInfo.InvariantCulture);
    }
}
