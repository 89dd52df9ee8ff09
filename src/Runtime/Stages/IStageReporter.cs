using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Stages;

/// <summary>How a stage talks to whoever runs it: the MSBuild task forwards these to the build log.</summary>
public interface IStageReporter
{
    /// <summary>A result line the user should see (tables, where the export went).</summary>
    void Info(string message);

    /// <summary>Progress of long work; shown while the stage runs.</summary>
    void Progress(string message);

    /// <summary>Details for verbose logs only.</summary>
    void Detail(string message);

    void Report(Diagnostic diagnostic);
}
