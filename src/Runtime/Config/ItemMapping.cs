namespace ItemEval.Runtime.Config;

/// <summary>Which column of the data file fills which part of an item.</summary>
public sealed record ItemMapping(
    string Id,
    string Input,
    string? Target,
    string? Choices,
    string? Scheme,
    IReadOnlyList<string> Metadata)
{
    public static ItemMapping Default { get; } = new("id", "input", "target", null, null, []);
}
