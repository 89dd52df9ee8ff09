namespace ItemEval.Runtime.Batches;

/// <summary>How much one batch may hold: requests and bytes (OpenAI: 50,000 requests and 200 MB per file).</summary>
public sealed record BatchLimits(int MaxRequests, long MaxBytes)
{
    public static BatchLimits OpenAI { get; } = new(50_000, 200_000_000);

    /// <summary>Anthropic: 100,000 requests and 256 MB per batch; the bytes leave room for the <c>{"requests":[…]}</c> around the lines.</summary>
    public static BatchLimits Anthropic { get; } = new(100_000, 256_000_000 - 64);
}
