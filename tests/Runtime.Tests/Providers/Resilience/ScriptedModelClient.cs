using System.Collections.Concurrent;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Tests.Providers.Resilience;

/// <summary>
/// An in-memory provider that plays a script of outcomes, one per call, then <see cref="Otherwise"/>; it records when
/// (on the fake clock) each call started and how many ran at once.
/// </summary>
internal sealed class ScriptedModelClient(TimeProvider time) : IModelClient
{
    private readonly ConcurrentQueue<Func<ModelRequest, CancellationToken, Task<ModelResponse>>> _script = new();
    private readonly List<DateTimeOffset> _starts = [];
    private int _running;
    private int _maxRunning;

    public ConditionSignal Changed { get; } = new();

    public Func<ModelRequest, CancellationToken, Task<ModelResponse>> Otherwise { get; set; } =
        (_, _) => Task.FromResult(Answer());

    public int Calls
    {
        get
        {
            lock (_starts)
            {
                return _starts.Count;
            }
        }
    }

    public int Running => Volatile.Read(ref _running);

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public IReadOnlyList<DateTimeOffset> Starts
    {
        get
        {
            lock (_starts)
            {
                return [.. _starts];
            }
        }
    }

    public static ModelResponse Answer(RateLimitHeaders? headers = null, TokenUsage? usage = null) =>
        new("ok", "stop", usage ?? TokenUsage.Zero, TimeSpan.Zero, RateLimits: headers);

    public static ModelCallException Transient(int status, TimeSpan? retryAfter = null, string message = "try later") =>
        ProviderErrors.FromStatus(status, null, message, retryAfter is null ? null : new RateLimitHeaders(RetryAfter: retryAfter));

    public static async Task<ModelResponse> HangUntilCancelled(ModelRequest request, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }

    public ScriptedModelClient Then(Func<ModelRequest, CancellationToken, Task<ModelResponse>> step)
    {
        _script.Enqueue(step);
        return this;
    }

    public ScriptedModelClient ThenFail(Exception failure) => Then((_, _) => Task.FromException<ModelResponse>(failure));

    public ScriptedModelClient ThenAnswer(ModelResponse response) => Then((_, _) => Task.FromResult(response));

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        var step = _script.TryDequeue(out var next) ? next : Otherwise;
        lock (_starts)
        {
            _starts.Add(time.GetUtcNow());
        }

        var running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _maxRunning, running);
        Changed.Pulse();
        try
        {
            return await step(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            Changed.Pulse();
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
