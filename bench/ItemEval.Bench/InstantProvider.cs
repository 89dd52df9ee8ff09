using ItemEval.Runtime.Providers;

namespace ItemEval.Bench;

/// <summary>
/// A provider client that answers at once, in-process, with what the OpenAI client returns for the fake server's
/// answer (text, usage with cached and reasoning tokens, limit headers): <c>call-cpu --mode layers</c> puts it under
/// the whole pipeline, so the CPU measured is our layers' alone, with no HTTP and no SDK under them.
/// </summary>
internal sealed class InstantProvider : IModelClient
{
    private static readonly RateLimitHeaders Limits = new(RemainingRequests: 99_999_999, ResetRequests: TimeSpan.FromMilliseconds(1), LimitRequests: 100_000_000);

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        // A real call completes later, on another thread: every layer's continuation runs as it would then.
        await Task.Yield();
        return new ModelResponse("The answer is 42.", "stop", new TokenUsage(12, 7, 3, 4), TimeSpan.FromMilliseconds(1), "chatcmpl-instant", request.Parameters, Limits);
    }
}
