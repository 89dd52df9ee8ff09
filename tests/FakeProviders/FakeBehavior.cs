namespace ItemEval.FakeProviders;

/// <summary>
/// Switches a test flips to make the fake provider misbehave the way real ones do. Counted faults ("the next N
/// requests") are consumed in arrival order; all members are safe to change while requests are in flight.
/// </summary>
public sealed class FakeBehavior
{
    private readonly object _gate = new();
    private readonly Queue<Fault> _faults = new();

    /// <summary>Added before every answer.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Spread of the latency: each answer waits <see cref="Latency"/> ± up to this, uniformly.</summary>
    public TimeSpan LatencyJitter { get; set; }

    /// <summary>Requests per minute the server accepts per model (sliding 60 s window), stated in the limit headers;
    /// above it: 429 with Retry-After.</summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>The answer text; gets the request's last user message.</summary>
    public Func<string, string> Reply { get; set; } = _ => "The answer is 42.";

    /// <summary>
    /// When set, an OpenAI-format answer reports (and the invoice bills) these (input, output) tokens for the request's
    /// last user message and its reply, instead of fixed counts (<see cref="MeasuredUsage"/>).
    /// </summary>
    public Func<string, string, (int Input, int Output)>? Tokens { get; set; }

    /// <summary>The next <paramref name="count"/> requests fail with <paramref name="status"/>.</summary>
    public void FailNext(int count, int status, TimeSpan? retryAfter = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Enqueue(new Fault(FaultKind.Status, status, retryAfter));
            }
        }
    }

    /// <summary>The next request never answers until the client gives up (a timeout from the client's side).</summary>
    public void HangNext(int count = 1) => Enqueue(count, FaultKind.Hang);

    /// <summary>The next request gets 200 with a body that is not JSON.</summary>
    public void MalformedNext(int count = 1) => Enqueue(count, FaultKind.Malformed);

    /// <summary>The next request gets an empty completion that ran out of tokens.</summary>
    public void EmptyNext(int count = 1) => Enqueue(count, FaultKind.Empty);

    internal TimeSpan NextLatency() =>
        Latency + LatencyJitter * ((2 * Random.Shared.NextDouble()) - 1);

    /// <summary>The next request gets 200 with the wire format's error object (a server error) instead of an answer.</summary>
    public void ErrorIn200Next(int count = 1) => Enqueue(count, FaultKind.ErrorIn200);

    /// <summary>The next request's connection is aborted before any work is done (the client sees a reset).</summary>
    public void ResetNext(int count = 1) => Enqueue(count, FaultKind.Reset);

    /// <summary>Random faults for every request no counted fault is queued for (null: none).</summary>
    public MixedFaults? MixedFaults { get; set; }

    internal Fault? TakeFault(string model, string prompt)
    {
        lock (_gate)
        {
            if (_faults.Count > 0)
            {
                return _faults.Dequeue();
            }
        }

        return MixedFaults?.Draw(model, prompt);
    }

    private void Enqueue(int count, FaultKind kind)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Enqueue(new Fault(kind, 200, null));
            }
        }
    }
}
