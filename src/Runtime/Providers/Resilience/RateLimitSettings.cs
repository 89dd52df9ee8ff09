namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>Limits for one <c>provider/model</c> key; null means no limit of that kind.</summary>
/// <param name="MaxConcurrency">Calls in flight at once.</param>
/// <param name="RequestsPerMinute">Calls started per minute, paced evenly with a burst of 3 seconds' worth.</param>
/// <param name="TokensPerMinute">Estimated tokens (Budget.TokenEstimator.ForRequest: prompt chars / 4 + max tokens) per minute.</param>
public sealed record RateLimitSettings(int? MaxConcurrency, int? RequestsPerMinute, int? TokensPerMinute)
{
    /// <summary>Concurrency for hosted providers when the study does not say: enough to keep a run moving,
    /// few enough that a low account tier does not answer with a wall of 429s.</summary>
    public const int DefaultConcurrency = 8;

    public static RateLimitSettings Unlimited { get; } = new(null, null, null);

    /// <summary>The defaults for a model id: mock models are free and local, so unlimited; others
    /// <see cref="DefaultConcurrency"/> and no per-minute caps until the study sets them.</summary>
    public static RateLimitSettings DefaultFor(string model)
    {
        var provider = model.Split('/', 2)[0];
        return provider switch
        {
            "mock" => Unlimited,

            // A local server works one or two requests at a time; queueing more there only turns into HTTP timeouts.
            "ollama" => new(2, null, null),
            _ => new(DefaultConcurrency, null, null),
        };
    }

    internal void Validate()
    {
        if (MaxConcurrency is { } concurrency)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1, nameof(MaxConcurrency));
        }

        if (RequestsPerMinute is { } requests)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(requests, 1, nameof(RequestsPerMinute));
        }

        if (TokensPerMinute is { } tokens)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(tokens, 1, nameof(TokensPerMinute));
        }
    }
}
