using System.Diagnostics;

namespace ItemEval.Runtime.Reporting;

/// <summary>Asks git which commit the study is at; a study outside a repository (or no git) records nulls.</summary>
internal static class GitProbe
{
    public static GitState Read(string directory)
    {
        var commit = Run(directory, "rev-parse HEAD");
        if (commit is null)
        {
            return new GitState(null, null);
        }

        var status = Run(directory, "status --porcelain --untracked-files=no");
        return new GitState(commit, status is null ? null : status.Length > 0);
    }

    private static string? Run(string directory, string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", arguments)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
