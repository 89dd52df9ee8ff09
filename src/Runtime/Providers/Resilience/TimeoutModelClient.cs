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
            // The call's task handed straight to Polly, its state a struct: nothing allocated here per call.
            return await _pipeline.ExecuteAsync(
                static (call, token) => new ValueTask<ModelResponse>(call.Inner.CompleteAsync(call.Request, token)),
                (Inner: _inner, Request: request),
                cancellationToken);
        }
        catch (TimeoutRejectedException timeout)
        {
            // The request was sent: the provider may be working on it, and bills what it finishes.
            throw new ModelCallException($"timed out: no answer within {_timeout.TotalSeconds:0.#} s", statusCode: null, isTransient: true, inner: timeout)
            {
                MayHaveBeenBilled = true,
            };
        }
    }
}
