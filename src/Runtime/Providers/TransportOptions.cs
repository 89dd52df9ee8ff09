namespace ItemEval.Runtime.Providers;

/// <summary>
/// Model options that say how to reach or pace a provider, not what it should generate. They are left out of cell
/// keys and cache keys, so moving to another endpoint or raising a rate limit re-runs nothing.
/// </summary>
public static class TransportOptions
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "base_url", "latency_ms", "timeout_seconds", "max_concurrency", "rpm", "tpm",
    };

    public static IEnumerable<KeyValuePair<string, string>> Without(IReadOnlyDictionary<string, string> options) =>
        options.Where(pair => !Names.Contains(pair.Key)).OrderBy(pair => pair.Key, StringComparer.Ordinal);
}
