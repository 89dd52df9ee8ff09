using System.Globalization;

namespace ItemEval.Bench;

/// <summary>
/// Counts completed calls, prints a line every 250, and keeps the reading at the end of the first 250 so CPU can be
/// reported for the whole run and for the warm part after it (JIT, first connection and type loading are in the
/// first calls), and the reading at half the calls for the run's second half: the runtime keeps hot code at tier 0 while
/// new code paths are still being compiled (each first compile restarts its 100 ms tiering delay), which at thousands of
/// calls a second lasts for the first ~20,000 calls (docs/BENCHMARKS.md, "Stop 21"), so only the second half of a long
/// run is the steady state a long study runs in.
/// </summary>
internal sealed class BenchProgress(int calls, Func<int> retries)
{
    private const int Every = 250;
    private int _completed;
    private ProcessReading? _warm;
    private ProcessReading? _half;

    // The progress line that starts the run's second half.
    private readonly int _halfway = calls / 2 / Every * Every;

    public ProcessMeter Meter { get; } = ProcessMeter.Start();

    public void Completed()
    {
        var done = Interlocked.Increment(ref _completed);
        if (done % Every != 0)
        {
            return;
        }

        var reading = Meter.Read();
        if (done == Every)
        {
            _warm = reading;
        }

        if (done == _halfway)
        {
            _half = reading;
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {done,5} done at {reading.Elapsed.TotalSeconds,6:F1} s, {retries()} retries, {reading.Cpu.TotalSeconds:F2} s CPU"));
    }

    public void PrintCpu(ProcessReading run)
    {
        var rows = new List<(string, FormattableString)>
        {
            ("client CPU per call, whole run", $"{run.Cpu.TotalMilliseconds / calls:F3} ms ({run.Cpu.TotalSeconds:F2} s in all)"),
            ("  of which in the kernel", $"{run.KernelCpu.TotalMilliseconds / calls:F3} ms"),
        };
        if (_warm is { } warm && calls > Every)
        {
            var cpu = run.Cpu - warm.Cpu;
            rows.Add(("client CPU per call after the first 250", $"{cpu.TotalMilliseconds / (calls - Every):F3} ms"));
        }

        if (_half is { } half && calls >= 4 * Every)
        {
            rows.Add(("client CPU per call, second half of the run", $"{(run.Cpu - half.Cpu).TotalMilliseconds / (calls - _halfway):F3} ms"));
        }

        rows.Add(("JIT compilation, whole run", $"{System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:F2} s, {System.Runtime.JitInfo.GetCompiledMethodCount()} methods"));
        rows.Add(("client allocations per call", $"{run.AllocatedBytes / 1024.0 / calls:F1} KiB"));
        BenchTable.Print([.. rows]);
    }
}
