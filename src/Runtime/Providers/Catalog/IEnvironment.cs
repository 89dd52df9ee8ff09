namespace ItemEval.Runtime.Providers.Catalog;

/// <summary>Reads environment variables; tests pass a dictionary instead of changing the process environment.</summary>
public interface IEnvironment
{
    string? Get(string name);
}
