using System.Diagnostics;

namespace ItemEval.Bench;

/// <summary>This process's CPU time (user + kernel) and managed allocations since the meter started.</summary>
internal sealed class ProcessMeter
{
    private readonly TimeSpan _cpu;
    private readonly TimeSpan _kernel;
    private readonly long _allocated;
    private readonly Stopwatch _clock;

    private ProcessMeter()
    {
        using var process = Process.GetCurrentProcess();
        _cpu = process.TotalProcessorTime;
        _kernel = process.PrivilegedProcessorTime;
        _allocated = GC.GetTotalAllocatedBytes(precise: true);
        _clock = Stopwatch.StartNew();
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    public static ProcessMeter Start() => new();

    public ProcessReading Read()
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessReading(
            _clock.Elapsed,
            process.TotalProcessorTime - _cpu,
            process.PrivilegedProcessorTime - _kernel,
            GC.GetTotalAllocatedBytes(precise: true) - _allocated);
    }
}
