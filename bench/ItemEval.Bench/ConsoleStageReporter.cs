using System.Diagnostics;
using System.Globalization;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Stages;

namespace ItemEval.Bench;

/// <summary>Prints what a stage shows the user (progress, holds, diagnostics) with the seconds since the run began.</summary>
internal sealed class ConsoleStageReporter : IStageReporter
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Info(string message) => Print(message);

    public void Progress(string message) => Print(message);

    public void Detail(string message)
    {
    }

    public void Report(Diagnostic diagnostic) => Print(diagnostic.ToString() ?? "");

    private void Print(string message) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {_clock.Elapsed.TotalSeconds,6:F1} s  {message}"));
}
