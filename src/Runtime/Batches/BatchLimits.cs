namespace ItemEval.Runtime.Batches;

/// <summary>How much one batch file may hold: requests and bytes (OpenAI: 50,000 requests and 200 MB per file).</summary>
public sealed record BatchLimits(int MaxRequests, long MaxBytes)
{
    public static BatchLimits OpenAI { get; } = new(50_000, 200_000_000);
}
