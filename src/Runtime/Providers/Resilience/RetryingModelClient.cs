using Polly;
using Polly.Retry;

namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// Tries a call again on transient failures (429, 5xx, 529, timeouts) with jittered exponential backoff that honours
/// Retry-After, through a Polly retry pipeline. Caller cancellation and non-transient errors are never retried.
/// </summary>
public sealed class RetryingModelClient : IModelClient
{
    private static readonly ResiliencePropertyKey<RetryCallState> CallStateKey = new("ItemEval.RetryCallState");

    private readonly IModelClient _inner;
    private readonly RetrySettings _settings;
    private readonly IRetryObserver? _observer;
    private readonly RetryBackoff _backoff;
    private readonly ResiliencePipeline<ModelResponse> _pipeline;

    public RetryingModelClient(
        IModelClient inner,
        RetrySettings? settings = null,
        IRetryObserver? observer = null,
        TimeProvider? timeProvider = null)
        : this(inner, settings ?? RetrySettings.Default, observer, timeProvider ?? TimeProvider.System, Random.Shared.NextDouble)
    {
    }

    /// <param name="random">Jitter source in [0, 1); tests pin it to check the bounds.</param>
    internal RetryingModelClient(
        IModelClient inner,
        RetrySettings settings,
        IRetryObserver? observer,
        TimeProvider timeProvider,
        Func<double> random)
    {
        ArgumentNullException.ThrowIfNull(inner);
        settings.Validate();
        _inner = inner;
        _settings = settings;
        _observer = observer;
        _backoff = new RetryBackoff(settings, random);
        _pipeline = BuildPipeline(timeProvider);
    }

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        var state = new RetryCallState(_inner, request);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallStateKey, state);
        try
        {
            var response = await _pipeline.ExecuteAsync(
                static async (context, state) => await state.AttemptAsync(context.CancellationToken),
                context,
                state);
            return response with { Retries = state.Attempts - 1 };
        }
        catch (ModelCallException exception) when (exception.IsTransient && !cancellationToken.IsCancellationRequested)
        {
            throw GaveUp(request, state.Attempts, exception);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private ResiliencePipeline<ModelResponse> BuildPipeline(TimeProvider timeProvider)
    {
        if (_settings.MaxRetries == 0)
        {
            return ResiliencePipeline<ModelResponse>.Empty;
        }

        return new ResiliencePipelineBuilder<ModelResponse> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<ModelResponse>
            {
                MaxRetryAttempts = _settings.MaxRetries,

                // The generator decides every delay (see RetryBackoff), so Polly's own backoff options stay unset.
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, args.Context)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    _backoff.DelayFor(args.AttemptNumber, RetryAfterOf(args.Outcome.Exception))),
                OnRetry = args =>
                {
                    var model = args.Context.Properties.GetValue(CallStateKey, null!).Request.Model;
                    _observer?.OnRetry(model, args.AttemptNumber + 1, args.RetryDelay, Describe(args.Outcome.Exception));
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private bool ShouldRetry(Exception? exception, ResilienceContext context) =>
        exception is ModelCallException { IsTransient: true } failure
        && !context.CancellationToken.IsCancellationRequested
        && !AsksForTooLong(failure);

    // Waiting less than the provider asked only earns another 429; waiting longer than MaxDelay stalls the study.
    private bool AsksForTooLong(ModelCallException failure) =>
        failure.RateLimits?.RetryAfter is { } asked && asked > _settings.MaxDelay;

    private static TimeSpan? RetryAfterOf(Exception? exception) =>
        (exception as ModelCallException)?.RateLimits?.RetryAfter;

    private static string Describe(Exception? exception) => exception switch
    {
        ModelCallException { StatusCode: { } status } failure => $"HTTP {status}: {failure.Message}",
        null => "unknown failure",
        _ => exception.Message,
    };

    private ModelCallException GaveUp(ModelRequest request, int attempts, ModelCallException last)
    {
        var tries = attempts == 1 ? "1 attempt" : $"{attempts} attempts";
        var tooLong = AsksForTooLong(last)
            ? $" (the provider asked to wait {last.RateLimits!.RetryAfter!.Value.TotalSeconds:0.#} s, more than the "
              + $"{_settings.MaxDelay.TotalSeconds:0.#} s retry limit)"
            : string.Empty;
        return new ModelCallException(
            $"{request.Model} failed after {tries}{tooLong}: {Describe(last)}",
            last.StatusCode,
            last.IsTransient,
            last.RateLimits,
            last);
    }
}
