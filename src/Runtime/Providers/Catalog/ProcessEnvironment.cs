namespace ItemEval.Runtime.Providers.Catalog;

/// <summary>The real environment. Keys are read here and nowhere else, and never logged.</summary>
public sealed class ProcessEnvironment : IEnvironment
{
    public static ProcessEnvironment Instance { get; } = new();

    public string? Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
