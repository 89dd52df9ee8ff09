namespace ItemEval.Runtime.Config;

/// <summary>Where a value came from, so an error can point at the line a person has to edit.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public static SourceLocation Start(string file) => new(file, 0, 0);

    public override string ToString() => Line > 0 ? $"{File}({Line},{Column})" : File;
}
