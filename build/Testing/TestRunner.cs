using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ItemEval.Build.Testing;

/// <summary>
/// The <c>Test</c> target: <c>dotnet test</c> over the solution, streamed, ending with one plain
/// "N passed, N failed" line summed over the test projects.
/// </summary>
internal static partial class TestRunner
{
    public static int Run(RepoPaths paths)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = paths.Root,
        };
        foreach (var argument in new[] { "test", Path.Combine(paths.Root, "ItemEval.sln"), "-nodeReuse:false", "--nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        int passed = 0, failed = 0, skipped = 0;
        using var process = Process.Start(start)!;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            Console.WriteLine(line);
            var summary = Summary().Match(line);
            if (summary.Success)
            {
                failed += int.Parse(summary.Groups["failed"].Value, System.Globalization.CultureInfo.InvariantCulture);
                passed += int.Parse(summary.Groups["passed"].Value, System.Globalization.CultureInfo.InvariantCulture);
                skipped += int.Parse(summary.Groups["skipped"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        process.WaitForExit();
        Console.WriteLine($"{passed} passed, {failed} failed, {skipped} skipped");
        return process.ExitCode == 0 ? 0 : 1;
    }

    [GeneratedRegex(@"Failed:\s*(?<failed>\d+),\s*Passed:\s*(?<passed>\d+),\s*Skipped:\s*(?<skipped>\d+)")]
    private static partial Regex Summary();
}
