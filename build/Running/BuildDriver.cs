using System.Diagnostics;
using System.Runtime.InteropServices;
using ItemEval.Build.Logging;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Execution;
using Microsoft.Build.Framework;
using Microsoft.Build.Logging;

namespace ItemEval.Build.Running;

/// <summary>
/// Runs the targets file in this process with BuildManager (no node reuse, one in-proc node) and turns Ctrl-C — and
/// SIGTERM, what a CI runner's cancel or timeout, <c>timeout</c>, <c>docker stop</c> and systemd send — into a clean
/// cancellation the tasks honour: the calls in flight are answered and stored, since the provider bills them anyway.
/// </summary>
internal sealed class BuildDriver(RepoPaths paths)
{
    public BuildOutcome Run(BuildRequest request)
    {
        var artifacts = Path.Combine(paths.ArtifactsRoot, request.Study.Name) + Path.DirectorySeparatorChar;
        var properties = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ItemEvalTasksAssembly"] = paths.TasksAssembly,
            ["StudyFile"] = request.Study.StudyFile,
            ["StudyName"] = request.Study.Name,
            ["ArtifactsDir"] = artifacts,
            ["Yes"] = Flag(request.Yes),
            ["Estimate"] = request.Arguments.Estimate,
            ["Policy"] = request.Arguments.Policy ?? "",
            ["RefreshPricing"] = Flag(request.Arguments.RefreshPricing),
            ["UpdateLocks"] = Flag(request.Arguments.UpdateLocks),
            ["NoCache"] = Flag(request.Arguments.NoCache),
            ["DryRun"] = Flag(request.Arguments.DryRun),
            ["VerifyFirst"] = Flag(request.Arguments.VerifyFirst),
            ["NoWait"] = Flag(request.Arguments.NoWait),
            ["CancelBatches"] = Flag(request.Arguments.CancelBatches),
            // Escaped so a ';', '%' or '$' in a folder name stays part of that folder's path.
            ["DataRoots"] = string.Join(';', request.Arguments.DataRoots.Select(ProjectCollection.Escape)),
        };
        var logger = new ProgressLogger(Console.Out, Console.Error, Enum.Parse<LoggerVerbosity>(request.Arguments.Verbosity, ignoreCase: true));
        var loggers = new List<ILogger> { logger };
        if (request.Arguments.BinaryLog is { } binlog)
        {
            Directory.CreateDirectory(artifacts);
            loggers.Add(new BinaryLogger { Parameters = binlog.Length > 0 ? binlog : Path.Combine(artifacts, "last.binlog") });
        }

        var parameters = new BuildParameters
        {
            EnableNodeReuse = false,
            MaxNodeCount = 1,
            Loggers = loggers,
        };
        var clock = Stopwatch.StartNew();
        var cancelled = false;
        var interrupts = 0;
        void Interrupt(string notice)
        {
            if (Interlocked.Increment(ref interrupts) > 1)
            {
                // A second Ctrl-C or SIGTERM means "now": finished cells are already stored.
                Environment.Exit(ExitCodes.Interrupted);
            }

            cancelled = true;
            Console.Error.WriteLine(notice);
            BuildManager.DefaultBuildManager.CancelAllSubmissions();
        }

        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            Interrupt("Cancelling: finishing the calls in flight and saving finished cells… (Ctrl-C again to quit at once)");
        }

        // Left to the runtime, SIGTERM ends the process at once: the calls in flight are billed and never stored, so
        // the ledger misses them and the next run pays for them again. The sender's grace period (10 s for docker
        // stop) usually covers the calls in flight; if it does not, its SIGKILL costs what SIGTERM used to. Windows has
        // no SIGTERM of its own (the runtime maps a logoff or shutdown to it, which is not a stop to delay).
        using var terminate = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            Interrupt("Stopping on SIGTERM: finishing the calls in flight and saving finished cells… (a second signal quits at once)");
        });
        Console.CancelKeyPress += OnCancel;
        try
        {
            var data = new BuildRequestData(paths.TargetsFile, properties, null, [.. request.Targets], null);
            var result = BuildManager.DefaultBuildManager.Build(parameters, data);
            return new BuildOutcome(result.OverallResult == BuildResultCode.Success, cancelled, logger.ErrorCodes, logger.Outcomes, clock.Elapsed);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    private static string Flag(bool value) => value ? "true" : "false";
}
