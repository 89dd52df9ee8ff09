using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Tests.Providers;

namespace ItemEval.Runtime.Tests.Grading.Judges;

/// <summary>Pairwise judging through Grade and Export against the fake provider server.</summary>
public sealed class PairwiseJudgeTests : FakeServerTest
{
    [Fact]
    public async Task A_judge_that_always_prefers_the_first_position_shows_full_bias_and_ranks_every_condition_tied()
    {
        // Every generated answer differs (a counter), so no two judge prompts are alike and none is served from the response cache.
        var answered = 0;
        Server.Behavior.Reply = prompt => prompt.StartsWith(JudgedStudy.JudgeMarker, StringComparison.Ordinal)
            ? "Both are fine, but [[A]]"
            : $"The answer is 2 (answer {Interlocked.Increment(ref answered)}).";
        using var study = JudgedStudy.Create(Server.BaseUrl, JudgedStudy.Pairwise("head2head", Server.BaseUrl), items: 4, conditions: 3);
        await JudgedStudy.GenerateAsync(study);

        var graded = await GradeStage.RunAsync(study.Context(), CancellationToken.None);
        ExportStage.Run(study.Context());

        // 3 pairs of conditions × 2 orders × 4 items.
        Assert.Equal((24, 24), (graded.NewGradings, Server.Requests.Count(request => (string?)request.Body["model"] == JudgedStudy.Judge)));
        var bias = Assert.Single(JudgedStudy.Exported(study, "pairwise_position_bias", "first_position_share, inconsistency_rate, pairs",
            reader => (reader.GetDouble(0), reader.GetDouble(1), reader.GetInt32(2))));
        Assert.Equal((1.0, 1.0, 12), bias);
        var ranking = JudgedStudy.Exported(study, "pairwise_ranking", "rank, strength", reader => (reader.GetInt32(0), reader.GetDouble(1)));
        Assert.Equal(3, ranking.Count);
        Assert.All(ranking, row => Assert.Equal(1, row.Item1));
        Assert.All(ranking, row => Assert.Equal(1.0, row.Item2, 9));
        var results = JudgedStudy.Exported(study, "pairwise_results", "wins, ties, losses, inconsistent", reader => (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3)));
        Assert.Equal(6, results.Count);
        Assert.All(results, row => Assert.Equal((0, 4, 0, 4), row));
    }

    [Fact]
    public async Task Against_a_baseline_judges_only_the_pairs_with_it_and_the_better_conditions_rank_first()
    {
        // Step-by-step answers say 4, plain ones 2; the judge prefers the answer saying 4 in either position.
        Server.Behavior.Reply = prompt => !prompt.StartsWith(JudgedStudy.JudgeMarker, StringComparison.Ordinal)
            ? prompt.StartsWith("Think", StringComparison.Ordinal) ? "The answer is 4." : "The answer is 2."
            : prompt.Contains("[A]\nThe answer is 4.", StringComparison.Ordinal) == prompt.Contains("[B]\nThe answer is 4.", StringComparison.Ordinal) ? "[[C]]"
            : prompt.Contains("[A]\nThe answer is 4.", StringComparison.Ordinal) ? "[[A]]" : "[[B]]";
        using var study = JudgedStudy.Create(Server.BaseUrl, JudgedStudy.Pairwise("head2head", Server.BaseUrl, against: "openai-gpt-4o-mini-l1-plain"), items: 3, conditions: 2, stepByStep: true);
        await JudgedStudy.GenerateAsync(study);

        var graded = await GradeStage.RunAsync(study.Context(), CancellationToken.None);
        ExportStage.Run(study.Context());

        // The baseline against the three others: 3 pairs × 2 orders × 3 items.
        Assert.Equal(18, graded.NewGradings);
        Assert.Equal(0.0, Assert.Single(JudgedStudy.Exported(study, "pairwise_position_bias", "inconsistency_rate", reader => reader.GetDouble(0))));
        var results = JudgedStudy.Exported(study, "pairwise_results", "condition_id[:-10], opponent[:-10], wins, ties, losses",
            reader => (reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4)));
        Assert.Equal(
            [
                ("openai-gpt-4o-mini-l1-cot", "openai-gpt-4o-mini-l1-plain", 3, 0, 0),
                ("openai-gpt-4o-mini-l1-plain", "openai-gpt-4o-mini-l1-cot", 0, 0, 3),
                ("openai-gpt-4o-mini-l1-plain", "openai-gpt-4o-mini-l2-cot", 0, 0, 3),
                ("openai-gpt-4o-mini-l1-plain", "openai-gpt-4o-mini-l2-plain", 0, 3, 0),
                ("openai-gpt-4o-mini-l2-cot", "openai-gpt-4o-mini-l1-plain", 3, 0, 0),
                ("openai-gpt-4o-mini-l2-plain", "openai-gpt-4o-mini-l1-plain", 0, 3, 0),
            ],
            results);
        var ranking = JudgedStudy.Exported(study, "pairwise_ranking", "rank, condition_id[:-10]", reader => (reader.GetInt32(0), reader.GetString(1)));
        Assert.Equal([(1, "openai-gpt-4o-mini-l1-cot"), (1, "openai-gpt-4o-mini-l2-cot")], ranking.Take(2));
        Assert.Equal(3, ranking[2].Item1);
    }
}
