using ItemEval.FakeProviders;
using ItemEval.FakeProviders.Batches;

namespace ItemEval.Runtime.Tests.Batches;

/// <summary>The fake provider's batch endpoints a model's batches go to: OpenAI's Files + Batches, or Anthropic's Message Batches.</summary>
internal sealed record BatchFake(FakeBatchBehavior Behavior, Func<int> CreatedCount)
{
    public static BatchFake For(FakeProviderServer server, string model) =>
        model.StartsWith("anthropic/", StringComparison.Ordinal)
            ? new(server.AnthropicBatches.Behavior, () => server.AnthropicBatches.CreatedCount)
            : new(server.OpenAIBatches.Behavior, () => server.OpenAIBatches.CreatedCount);
}
