using System.Diagnostics;

namespace ItemEval.EndToEnd.Tests;

/// <summary>Waits on a condition another process brings about, with a deadline instead of a fixed sleep.</summary>
internal static class WaitFor
{
    public static async Task ConditionAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"waited {timeout.TotalSeconds:0} s for {what}");
            }

            await Task.Delay(50);
        }
    }
}
