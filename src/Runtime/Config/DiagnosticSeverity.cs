namespace ItemEval.Runtime.Config;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}
