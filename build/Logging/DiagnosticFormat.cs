namespace ItemEval.Build.Logging;

/// <summary>MSBuild's canonical diagnostic line, which editors and CI annotate: <c>file(line,col): error CODE: message</c>.</summary>
internal static class DiagnosticFormat
{
    public static string Canonical(string? file, int line, int column, string severity, string? code, string? message)
    {
        var where = string.IsNullOrEmpty(file) ? "" : line > 0 ? $"{file}({line},{column}): " : $"{file}: ";
        return $"{where}{severity} {code}: {message}";
    }
}
