namespace ItemEval.Bench;

/// <summary>Options given as <c>--name value</c> to the verbs that take text or their own defaults (scale, export).</summary>
internal static class BenchOptions
{
    public static string? Value(IReadOnlyList<string> args, string name)
    {
        var index = args.ToList().IndexOf(name);
        return index >= 0 && index + 1 < args.Count ? args[index + 1] : null;
    }
}
