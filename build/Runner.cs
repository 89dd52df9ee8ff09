using Microsoft.Build.Execution;
using Microsoft.Build.Logging;
namespace ItemEval.Build;
static class Runner
{
    public static int Run(string[] args)
    {
        var root = args[0];
        var tasks = Path.Combine(root, "src/Tasks/bin/Debug/net10.0/ItemEval.Tasks.dll");
        var bp = new BuildParameters { EnableNodeReuse = false, MaxNodeCount = 1, Loggers = [new ConsoleLogger(Microsoft.Build.Framework.LoggerVerbosity.Minimal)] };
        var req = new BuildRequestData(Path.Combine(root, "src/Tasks/ItemEval.targets"), new Dictionary<string, string?> { ["ItemEvalTasksAssembly"] = tasks }, null, ["Probe"], null);
        var r = BuildManager.DefaultBuildManager.Build(bp, req);
        Console.WriteLine(r.OverallResult);
        return 0;
    }
}
