using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ItemEval.Build.Testing;

/// <summary>
/// The <c>Test</c> target: <c>dotnet build</c> then <c>dotnet test</c> over the solution, streamed, ending with one plain
/// "N passed, N failed" line summed over the test projects.
/// </summary>
internal static partial class TestRunner
{
    public static int Run(RepoPaths paths)
    {
        // Build the whole solution first: `dotnet test` builds only test projects, and the benchmarks must not rot.
        var solution = Path.Combine(paths.Root, "ItemEval.sln");
        if (Dotnet(paths, ["build", solution, "-nodeReuse:false", "--nologo"], _ => { }) != 0)
        {
            Console.WriteLine("the solution did not build; no tests were run");
            return 1;
        }

        int passed = 0, failed = 0, skipped = 0;
        var exitCode = Dotnet(paths, ["test", solution, "--no-build", "-nodeReuse:false", "--nologo"], line =>
        {
            var summary = Summary().Match(line);
            if (summary.Success)
            {
                failed += int.Parse(summary.Groups["failed"].Value, System.Globalization.CultureInfo.InvariantCulture);
                passed += int.Parse(summary.Groups["passed"].Value, System.Globalization.CultureInfo.InvariantCulture);
                skipped += int.Parse(summary.Groups["skipped"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        });

        Console.WriteLine($"{passed} passed, {failed} failed, {skipped} skipped");
        return exitCode == 0 ? 0 : 1;
    }

    /// <summary>Runs the dotnet CLI in the repository root, echoing and handing on every line it prints.</summary>
    private static int Dotnet(RepoPaths paths, IEnumerable<string> arguments, Action<string> onLine)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = paths.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            Console.WriteLine(line);
            onLine(line);
        }

        process.WaitForExit();
        return process.ExitCode;
    }

    [GeneratedRegex(@"Failed:\s*(?<failed>\d+),\s*Passed:\s*(?<passed>\d+),\s*Skipped:\s*(?<skipped>\d+)")]
    private static partial Regex Summary();
}
