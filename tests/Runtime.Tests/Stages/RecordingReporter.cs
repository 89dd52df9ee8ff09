using System.Collections.Concurrent;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Stages;

namespace ItemEval.Runtime.Tests.Stages;

/// <summary>Keeps what a stage reported so tests can assert on it.</summary>
internal sealed class RecordingReporter : IStageReporter
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ConcurrentQueue<Diagnostic> Diagnostics { get; } = new();

    public void Info(string message) => Lines.Enqueue(message);

    public void Progress(string message) => Lines.Enqueue(message);

    public void Detail(string message)
    {
    }

    public void Report(Diagnostic diagnostic) => Diagnostics.Enqueue(diagnostic);
}
