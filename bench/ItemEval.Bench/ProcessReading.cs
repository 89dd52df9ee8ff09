namespace ItemEval.Bench;

/// <summary>What a <see cref="ProcessMeter"/> measured: wall time, CPU time (and the kernel's part), bytes allocated.</summary>
internal sealed record ProcessReading(TimeSpan Elapsed, TimeSpan Cpu, TimeSpan KernelCpu, long AllocatedBytes);
