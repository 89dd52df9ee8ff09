using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Runtime.Stages.Generate;

/// <summary>
/// Puts each rate-limit hold on the progress line at once (<c>openai/x: waiting 12 s for the rate limit (…)</c>): a
/// hold can last a minute, and a run that prints nothing for a minute looks hung.
/// </summary>
internal sealed class RateLimitHoldReporter(ProgressTicker ticker) : IRateLimitObserver
{
    public void OnHeld(RateLimitHold hold) => ticker.Tick(hold.ToString, force: true);
}
