using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Tests.Providers;

namespace ItemEval.Runtime.Tests.Batches;

/// <summary>The estimate prices a model's pending cells at the batch rate exactly when Generate will batch them.</summary>
public sealed class BatchEstimateTests : FakeServerTest
{
    [Theory]
    [InlineData("true", "full-interactive", true)]
    [InlineData("true", "dev", false)]
    [InlineData("false", "full-batch", true)]
    [InlineData("false", "full-interactive", false)]
    public void Pending_batch_cells_are_estimated_at_half_the_list_price(string batch, string policy, bool batched)
    {
        using var study = BatchStudy.Create(Server.BaseUrl, items: 30, batch: batch);

        var line = Assert.Single(EstimateStage.Run(study.Context(new StageOptions(Policy: policy))).Lines);

        Assert.True(line.ExpectedUsd > 0m);
        Assert.Equal(batched ? line.ExpectedUsd * 0.5m : line.ExpectedUsd, line.DiscountedUsd);
    }
}
