using ItemEval.Build.Arguments;
using ItemEval.Build.Help;
using ItemEval.Build.Logging;
using ItemEval.Build.Running;
using ItemEval.Build.Testing;
using Spectre.Console;

namespace ItemEval.Build;

/// <summary>The front end: arguments → plan → in-process MSBuild → summary table → exit code. No domain logic.</summary>
internal static class Cli
{
    public static int Run(string[] args)
    {
        try
        {
            var paths = RepoPaths.Find();
            var catalog = TargetCatalog.Load(paths.TargetsFile);
            var arguments = CommandLine.Parse(args, Environment.GetEnvironmentVariable);
            if (arguments.Help)
            {
                Console.Write(HelpText.Render(catalog));
                return ExitCodes.Done;
            }

            var targets = arguments.Targets.Select(typed => catalog.Canonical(typed) ?? throw new UsageException($"unknown target '{typed}'")).ToList();
            if (targets.SequenceEqual([TargetCatalog.TestTarget]))
            {
                return TestRunner.Run(paths);
            }

            if (targets.Contains(TargetCatalog.TestTarget))
            {
                throw new UsageException("run Test on its own: ./build.sh Test");
            }

            var study = StudyResolver.Resolve(arguments.Study ?? throw new UsageException("no study given: add --study <name|path> (or set ITEMEVAL_STUDY)"), paths);
            var resolved = arguments with { DataRoots = DataRootResolver.Resolve(arguments.DataRoots) };
            return Build(new BuildDriver(paths), catalog, new BuildRequest(targets, study, resolved, arguments.Yes));
        }
        catch (UsageException error)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            Console.Error.WriteLine("See ./build.sh --help");
            return ExitCodes.Configuration;
        }
    }

    private static int Build(BuildDriver driver, TargetCatalog catalog, BuildRequest request)
    {
        var outcome = driver.Run(request);
        var exit = ExitCodes.From(outcome.ErrorCodes, outcome.Succeeded);
        if (exit == ExitCodes.ConfirmationNeeded && !Console.IsInputRedirected && Confirm())
        {
            outcome = driver.Run(request with { Yes = true });
            exit = ExitCodes.From(outcome.ErrorCodes, outcome.Succeeded);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        SummaryTable.Write(console, SummaryTable.Rows(catalog.Plan(request.Targets), outcome.Targets), outcome.Duration);
        if (outcome.Cancelled)
        {
            Console.WriteLine("Cancelled: finished cells are kept; run the same command to resume.");
            return ExitCodes.FailedCells;
        }

        return exit;
    }

    private static bool Confirm()
    {
        Console.Write("Proceed and spend this? [y/N] ");
        var answer = Console.ReadLine();
        return answer is not null && answer.Trim().StartsWith('y');
    }
}
