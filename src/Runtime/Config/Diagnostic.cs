namespace ItemEval.Runtime.Config;

/// <summary>
/// One finding in MSBuild's canonical shape (<c>file(line,col): error IEVnnnn: message</c>).
/// The code's hundreds decide the front end's exit status; see docs/diagnostics.md.
/// </summary>
public sealed record Diagnostic(DiagnosticSeverity Severity, string Code, string Message, SourceLocation? Location)
{
    public static Diagnostic Error(string code, string message, SourceLocation? location = null) =>
        new(DiagnosticSeverity.Error, code, message, location);

    public static Diagnostic Warning(string code, string message, SourceLocation? location = null) =>
        new(DiagnosticSeverity.Warning, code, message, location);

    public override string ToString()
    {
        var where = Location is null ? "" : Location + ": ";
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return $"{where}{severity} {Code}: {Message}";
    }
}
