using System.Diagnostics;

namespace ItemEval.EndToEnd.Tests.Batches;

/// <summary>
/// A front end's output watcher that SIGKILLs the run once it has submitted a batch and polled it twice: no handler
/// runs, nothing is tidied up — the moment a resumed run must pick up from.
/// </summary>
/// <param name="reads">How many status reads the fake provider has answered for the batch.</param>
internal sealed class KillWhilePolling(string batchId, Func<int> reads)
{
    private Task _killing = Task.CompletedTask;

    /// <summary>The kill, once it was started (await it after the run ended).</summary>
    public Task Done => _killing;

    public void OnOutput(Process process, string line)
    {
        if (line.Contains($"batch {batchId} submitted", StringComparison.Ordinal))
        {
            _killing = Task.Run(async () =>
            {
                await WaitFor.ConditionAsync(() => reads() >= 2, TimeSpan.FromSeconds(60), "the run to poll its batch twice");
                process.Kill(entireProcessTree: true);
            });
        }
    }
}
