namespace ItemEval.Build;

/// <summary>
/// Which copy of the task assembly a build runs: the ReadyToRun copy <c>ITEMEVAL_PRECOMPILE=1 ./build.sh</c> precompiles
/// beside the plain build (<c>src/Tasks/bin/ReadyToRun</c>: its short targets wait less for the JIT, docs/BENCHMARKS.md
/// "Stop 21"), but only while no assembly of the plain build is newer than it — a plain build made after it (by
/// <c>dotnet build</c>, not build.sh, which deletes the copy before it builds) means the copy may hold older code, and
/// the plain build runs.
/// </summary>
internal static class TaskAssemblyChoice
{
    private const string FileName = "ItemEval.Tasks.dll";

    /// <param name="plain">The plain build's folder.</param>
    /// <param name="precompiled">The ReadyToRun copy's folder; null when this configuration has none.</param>
    public static string Choose(string plain, string? precompiled)
    {
        var plainAssembly = Path.Combine(plain, FileName);
        if (precompiled is null || !File.Exists(Path.Combine(precompiled, FileName)) || !Directory.Exists(plain))
        {
            return plainAssembly;
        }

        var builtAt = Directory.EnumerateFiles(plain, "*.dll").Select(File.GetLastWriteTimeUtc).DefaultIfEmpty(DateTime.MinValue).Max();
        var precompiledAt = File.GetLastWriteTimeUtc(Path.Combine(precompiled, FileName));
        return precompiledAt >= builtAt ? Path.Combine(precompiled, FileName) : plainAssembly;
    }
}
