using ItemEval.Runtime.Providers.Catalog;

namespace ItemEval.Bench;

/// <summary>The environment a benchmark study runs in: a placeholder key for the fake provider, nothing else.</summary>
internal sealed class BenchEnvironment : IEnvironment
{
    public string? Get(string name) => name is "OPENAI_API_KEY" or "ANTHROPIC_API_KEY" ? "sk-bench-not-a-key" : null;
}
