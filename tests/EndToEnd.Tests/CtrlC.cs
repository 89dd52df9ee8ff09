namespace ItemEval.EndToEnd.Tests;

/// <summary>
/// Whether a test can press Ctrl-C on the front end. A process started with SIGINT ignored (under nohup, or with
/// <c>&amp;</c> in a script that has no job control) passes that on to its children, and the .NET runtime respects it,
/// as a Unix program should: the front end would never see the signal, and a test waiting for it would hang.
/// </summary>
internal static class CtrlC
{
    public static void AssertDeliverable() =>
        Assert.False(IgnoredByThisProcess(),
            "this test host was started with SIGINT ignored (nohup, or `&` in a script without job control); the front end it starts inherits that and never sees a Ctrl-C: run the tests in the foreground, or under `timeout`, which restores SIGINT");

    /// <summary>Bit 1 of the kernel's <c>SigIgn</c> mask is SIGINT (signal 2).</summary>
    private static bool IgnoredByThisProcess() =>
        File.Exists("/proc/self/status")
        && File.ReadLines("/proc/self/status")
            .Where(line => line.StartsWith("SigIgn:", StringComparison.Ordinal))
            .Select(line => Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16))
            .Any(mask => (mask & 0b10) != 0);
}
