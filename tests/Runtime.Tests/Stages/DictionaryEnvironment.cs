using ItemEval.Runtime.Providers.Catalog;

namespace ItemEval.Runtime.Tests.Stages;

/// <summary>Environment variables for one test, without touching the process environment.</summary>
internal sealed class DictionaryEnvironment(Dictionary<string, string> values) : IEnvironment
{
    public string? Get(string name) => values.GetValueOrDefault(name);
}
