using ItemEval.Runtime.Config;
using ItemEval.Runtime.Stages;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ItemEval.Tasks;

/// <summary>Forwards a stage's messages and diagnostics to the MSBuild log in canonical form.</summary>
internal sealed class TaskStageReporter : IStageReporter
{
    private readonly TaskLoggingHelper _log;

    public TaskStageReporter(TaskLoggingHelper log) => _log = log;

    public void Info(string message) => _log.LogMessage(MessageImportance.High, message);

    public void Progress(string message) => _log.LogMessage(MessageImportance.High, message);

    // Normal importance is what -v:detailed shows (Low would need diagnostic), where stack traces are promised.
    public void Detail(string message) => _log.LogMessage(MessageImportance.Normal, message);

    public void Report(Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        var file = location?.File;
        var line = location?.Line ?? 0;
        var column = location?.Column ?? 0;
        if (diagnostic.Severity == DiagnosticSeverity.Error)
        {
            _log.LogError(null, diagnostic.Code, null, file, line, column, 0, 0, diagnostic.Message);
        }
        else
        {
            _log.LogWarning(null, diagnostic.Code, null, file, line, column, 0, 0, diagnostic.Message);
        }
    }
}
