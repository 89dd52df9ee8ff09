namespace ItemEval.FakeProviders;

/// <summary>Counts one model's accepted requests in a sliding minute, as a provider's limiter would.</summary>
internal sealed class RpmWindow(TimeProvider time)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly Queue<DateTimeOffset> _accepted = new();
    private readonly object _gate = new();

    /// <summary>True if the request fits under <paramref name="limit"/>; otherwise how long until a slot frees.</summary>
    /// <param name="quota">The quota after this request, when there is a limit.</param>
    public bool TryAccept(int? limit, out TimeSpan retryAfter, out RequestQuota? quota)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            while (_accepted.Count > 0 && now - _accepted.Peek() >= Minute)
            {
                _accepted.Dequeue();
            }

            retryAfter = TimeSpan.Zero;
            var accepted = limit is not { } max || _accepted.Count < max;
            if (accepted)
            {
                _accepted.Enqueue(now);
            }
            else
            {
                retryAfter = _accepted.Peek() + Minute - now;
            }

            quota = limit is { } stated ? Quota(stated, now) : null;
            return accepted;
        }
    }

    private RequestQuota Quota(int limit, DateTimeOffset now)
    {
        var resetAt = _accepted.Count > 0 ? _accepted.Last() + Minute : now;
        return new RequestQuota(limit, Math.Max(0, limit - _accepted.Count), resetAt - now, resetAt);
    }
}
