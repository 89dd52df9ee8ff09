using System.Globalization;

namespace ItemEval.Bench;

/// <summary>
/// This process's peak resident set (Linux <c>VmHWM</c>), which can be reset between steps (writing 5 to
/// <c>/proc/self/clear_refs</c>), so each step of an in-process benchmark reports its own peak.
/// </summary>
internal static class PeakRss
{
    public static void Reset() => File.WriteAllText("/proc/self/clear_refs", "5");

    public static long Kilobytes()
    {
        var line = File.ReadLines("/proc/self/status").First(text => text.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
