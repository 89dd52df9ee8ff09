using Polly;
using Polly.Timeout;

namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// Abandons one attempt that has not answered in time (Polly timeout) and reports it as a transient
/// <see cref="ModelCallException"/>, so the retry layer outside tries again.
/// </summary>
/// <remarks>
/// A layer of its own, innermost, so the clock runs only while the provider works: a timeout around the rate
/// limiter would count time spent queueing and fail calls that never left the machine.
/// </remarks>
public sealed class TimeoutModelClient : IModelClient
{
    private readonly IModelClient _inner;
    private readonly TimeSpan _timeout;
    private readonly ResiliencePipeline _pipeline;

    public TimeoutModelClient(IModelClient inner, TimeSpan timeout, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _timeout = timeout;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider ?? TimeProvider.System }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = timeout })
            .Build();
    }

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (call, token) => await call.Inner.CompleteAsync(call.Request, token),
                new TimedCall(_inner, request),
                cancellationToken);
        }
        catch (TimeoutRejectedException timeout)
        {
            throw new ModelCallException(
                $"{request.Model} timed out after {_timeout.TotalSeconds:0.#} s without an answer",
                statusCode: null,
                isTransient: true,
                inner: timeout)
            {
                MayHaveBeenBilled = true,
            };
        }
    }

    private sealed record TimedCall(IModelClient Inner, ModelRequest Request);
}
