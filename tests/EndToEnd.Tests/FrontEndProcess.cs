using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace ItemEval.EndToEnd.Tests;

/// <summary>Runs the real front end (the same DLL build.sh runs) as a child process, as a user would.</summary>
internal static class FrontEndProcess
{
    public static string RepoRoot { get; } = Metadata("RepoRoot");

    private static string FrontEnd { get; } = Metadata("FrontEnd");

    public static FrontEndResult Run(string artifactsRoot, params string[] arguments) =>
        RunAsync(artifactsRoot, arguments, onOutput: null, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Starts the front end; <paramref name="onOutput"/> sees each line as it comes (to react mid-run).</summary>
    /// <param name="environment">Extra variables for the child (e.g. a fake provider's base URL and a test key).</param>
    public static async Task<FrontEndResult> RunAsync(
        string artifactsRoot, string[] arguments, Action<Process, string>? onOutput, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(FrontEnd);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ITEMEVAL_ARTIFACTS"] = artifactsRoot;
        start.Environment["ITEMEVAL_ROOT"] = RepoRoot;
        start.Environment.Remove("ITEMEVAL_STUDY");
        start.Environment.Remove("STUDY");
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = new StringBuilder();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line.Data);
            }

            onOutput?.Invoke(process, line.Data);
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(line.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A front end left running would outlive the test, hold its store open and poll a server that is gone.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            lock (output)
            {
                throw new TimeoutException($"the front end ({string.Join(' ', arguments)}) did not exit in time and was killed; its output:\n{output}");
            }
        }

        process.WaitForExit();
        lock (output)
        {
            return new FrontEndResult(process.ExitCode, output.ToString());
        }
    }

    private static string Metadata(string key) =>
        typeof(FrontEndProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value!;
}
