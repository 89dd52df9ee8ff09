namespace ItemEval.Build.Help;

/// <summary>A target as the targets file declares it.</summary>
internal sealed record TargetInfo(string Name, IReadOnlyList<string> DependsOn, string Description)
{
    public bool IsPublic => !Name.StartsWith('_');
}
