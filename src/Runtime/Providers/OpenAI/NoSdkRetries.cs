using System.ClientModel.Primitives;

namespace ItemEval.Runtime.Providers.OpenAI;

/// <summary>
/// Stands in the SDK pipeline's retry slot and only passes the message on. Our retry layer owns retries; the SDK's
/// <c>ClientRetryPolicy(maxRetries: 0)</c> would do the same but still runs its loop, hooks and two async state
/// machines on every call.
/// </summary>
internal sealed class NoSdkRetries : PipelinePolicy
{
    public static readonly NoSdkRetries Instance = new();

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
        pipeline[currentIndex + 1].Process(message, pipeline, currentIndex + 1);

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
        pipeline[currentIndex + 1].ProcessAsync(message, pipeline, currentIndex + 1);
}
