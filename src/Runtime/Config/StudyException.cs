namespace ItemEval.Runtime.Config;

/// <summary>Stops a stage with findings a person can act on; the task turns each into an MSBuild error.</summary>
public sealed class StudyException : Exception
{
    public StudyException(IReadOnlyList<Diagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics))
    {
        Diagnostics = diagnostics;
    }

    public StudyException(Diagnostic diagnostic)
        : this([diagnostic])
    {
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
