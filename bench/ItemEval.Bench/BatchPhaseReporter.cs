using System.Collections.Concurrent;
using System.Diagnostics;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Stages;

namespace ItemEval.Bench;

/// <summary>
/// Notes when each model's batch passes the points the batch executor reports — input written, submitted, seen ended,
/// collecting, collected — so the benchmark can split the wall time into build, upload, wait, queued behind another
/// model's collection, and collect (+ store), and this
/// process's CPU time at each point (the fake provider is another process), which the machine's load does not inflate.
/// </summary>
internal sealed class BatchPhaseReporter : IStageReporter
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<(string Model, string Point), TimeSpan> _points = new();
    private readonly ConcurrentDictionary<(string Model, string Point), TimeSpan> _cpu = new();

    public TimeSpan At(string model, string point) => _points.TryGetValue((model, point), out var at) ? at : TimeSpan.Zero;

    /// <summary>This process's CPU time (user + kernel) when <paramref name="model"/> passed <paramref name="point"/>.</summary>
    public TimeSpan CpuAt(string model, string point) => _cpu.TryGetValue((model, point), out var at) ? at : TimeSpan.Zero;

    public void Info(string message)
    {
        Note(message, " submitted for ", "submitted", after: true);
        Note(message, ") completed: ", "collected", after: false);
        Note(message, ") ended: ", "collected", after: false); // Anthropic's processing_status
    }

    public void Progress(string message)
    {
        Note(message, "): completed,", "ended", after: false);
        Note(message, "): ended,", "ended", after: false);
        Note(message, "): collecting ", "collecting", after: false); // after waiting for another model's collection
    }

    public void Detail(string message) => Note(message, "batch input for ", "written", after: true);

    public void Report(Diagnostic diagnostic) => Console.WriteLine(diagnostic);

    /// <summary>Records the first time a message with <paramref name="marker"/> names a model (after the marker, or in parentheses before it).</summary>
    private void Note(string message, string marker, string point, bool after)
    {
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return;
        }

        var model = after
            ? message[(at + marker.Length)..].Split([' ', ':'], 2)[0]
            : message[(message.LastIndexOf('(', at) + 1)..at];
        if (_points.TryAdd((model, point), _clock.Elapsed))
        {
            using var process = Process.GetCurrentProcess();
            _cpu[(model, point)] = process.TotalProcessorTime;
        }
    }
}
