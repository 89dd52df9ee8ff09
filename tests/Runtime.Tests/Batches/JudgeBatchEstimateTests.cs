using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Tests.Grading.Judges;
using ItemEval.Runtime.Tests.Providers;

namespace ItemEval.Runtime.Tests.Batches;

/// <summary>The estimate prices a judge's pending calls at the batch rate exactly when Grade will batch them.</summary>
public sealed class JudgeBatchEstimateTests : FakeServerTest
{
    [Theory]
    [InlineData("true", "full-interactive", true)]
    [InlineData("true", "dev", false)]
    [InlineData("false", "full-batch", true)]
    [InlineData("false", "full-interactive", false)]
    public void Pending_judge_calls_are_estimated_at_half_the_list_price_when_grade_batches_them(string batch, string policy, bool batched)
    {
        var judge = "openai/" + JudgedStudy.OpenAIJudge;
        using var study = JudgedStudy.Create(Server.BaseUrl, JudgedStudy.Rubric("correct", Server.BaseUrl, judge: judge)
            .Replace($"model: {{id: {judge},", $"model: {{id: {judge}, batch: {batch},", StringComparison.Ordinal));
        // Eight judge calls: enough for auto batching at batch_min_cells 5.
        File.WriteAllText(study.StudyFile, "batch_min_cells: 5\n" + File.ReadAllText(study.StudyFile));
        study.Prepare();

        var line = Assert.Single(EstimateStage.Run(study.Context(new StageOptions(Policy: policy))).Lines, line => line.Stage == CostLine.JudgeStage);

        Assert.Equal(8, line.Calls);
        Assert.True(line.ExpectedUsd > 0m);
        Assert.Equal(batched ? line.ExpectedUsd * 0.5m : line.ExpectedUsd, line.DiscountedUsd);
    }
}
