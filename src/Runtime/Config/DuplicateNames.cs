namespace ItemEval.Runtime.Config;

/// <summary>Reports a name used twice in one list, pointing at the second and naming the line of the first.</summary>
internal static class DuplicateNames
{
    public static void Check<T>(ConfigReader reader, IEnumerable<T> entries, Func<T, string> name, Func<T, SourceLocation> location, string what)
    {
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (seen.TryGetValue(name(entry), out var first))
            {
                reader.Diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.DuplicateName,
                    $"{what} '{name(entry)}' is defined twice (first at line {first.Line}); give each a unique name",
                    location(entry)));
            }
            else
            {
                seen[name(entry)] = location(entry);
            }
        }
    }
}
