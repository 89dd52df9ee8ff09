using Polly;
using Polly.Retry;

namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// Tries a call again on transient failures (429, 5xx, 529, timeouts) with jittered exponential backoff that honours
/// Retry-After, through a Polly retry pipeline. Caller cancellation and non-transient errors are never retried.
/// </summary>
public sealed class RetryingModelClient : IModelClient
{
    // An unreadable 200 was billed: asking again once covers a glitch, asking five times pays five times.
    private const int MaxUnreadableRetries = 1;

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
            // The attempt's task handed straight to Polly: no async wrapper (and its state machine) per attempt.
            var response = await _pipeline.ExecuteAsync(
                static (context, state) => new ValueTask<ModelResponse>(state.AttemptAsync(context.CancellationToken)),
                context,
                state);
            return response with { Retries = state.Attempts - 1 };
        }
        catch (ModelCallException exception) when (!cancellationToken.IsCancellationRequested && (exception.IsTransient || state.Attempts > 1))
        {
            throw GaveUp(request, state, exception);
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
        && !AsksForTooLong(failure)
        && !(failure.UnreadableAnswer && context.Properties.GetValue(CallStateKey, null!).UnreadableAnswers > MaxUnreadableRetries);

    // Waiting less than the provider asked only earns another 429; waiting longer than MaxDelay stalls the study.
    private bool AsksForTooLong(ModelCallException failure) =>
        failure.RateLimits?.RetryAfter is { } asked && asked > _settings.MaxDelay;

    private static TimeSpan? RetryAfterOf(Exception? exception) =>
        (exception as ModelCallException)?.RateLimits?.RetryAfter;

    private static string Describe(Exception? exception) => exception?.Message ?? "unknown failure";

    /// <summary>
    /// One sentence: <c>openai/gpt-4o-mini: HTTP 500 server_error "…" — gave up after 5 attempts</c>. The last attempt's
    /// exception stays the inner exception (with its billing flags); this one carries the attempt count and raw body.
    /// </summary>
    private ModelCallException GaveUp(ModelRequest request, RetryCallState state, ModelCallException last)
    {
        var attempts = state.Attempts == 1 ? "1 attempt" : $"{state.Attempts} attempts";
        var ending = last switch
        {
            { IsTransient: false } => $"failed on attempt {state.Attempts}",
            _ when AsksForTooLong(last) => $"gave up after {attempts}: the provider asked to wait "
                + $"{last.RateLimits!.RetryAfter!.Value.TotalSeconds:0.#} s, more than the {_settings.MaxDelay.TotalSeconds:0.#} s retry limit",
            { UnreadableAnswer: true } when state.UnreadableAnswers > MaxUnreadableRetries =>
                $"gave up after {attempts}: an unreadable answer is billed, so it is asked again once only",
            _ => $"gave up after {attempts}",
        };
        return new ModelCallException($"{request.Model}: {last.Message} — {ending}", last.StatusCode, last.IsTransient, last.RateLimits, last)
        {
            RawBody = last.RawBody,
            Attempts = state.Attempts,
            NoConnection = last.NoConnection,
        };
    }
}
