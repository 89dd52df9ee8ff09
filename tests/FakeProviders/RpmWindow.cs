namespace ItemEval.FakeProviders;

/// <summary>Counts accepted requests in a sliding minute, as a provider's limiter would, and keeps per-minute totals.</summary>
internal sealed class RpmWindow(TimeProvider time)
{
    private readonly Queue<DateTimeOffset> _accepted = new();
    private readonly object _gate = new();

    /// <summary>True if the request fits under <paramref name="limit"/>; otherwise how long until a slot frees.</summary>
    public bool TryAccept(int? limit, out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            while (_accepted.Count > 0 && now - _accepted.Peek() >= TimeSpan.FromMinutes(1))
            {
                _accepted.Dequeue();
            }

            if (limit is { } max && _accepted.Count >= max)
            {
                retryAfter = _accepted.Peek().AddMinutes(1) - now;
                return false;
            }

            _accepted.Enqueue(now);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }
}
