using System.Collections.Concurrent;

namespace ItemEval.FakeProviders;

/// <summary>The fake provider's invoice: one line per billed request.</summary>
internal sealed class FakeBilling
{
    private readonly ConcurrentQueue<BilledRequest> _requests = new();

    public IReadOnlyList<BilledRequest> Requests => [.. _requests];

    public void Bill(string model, string prompt, FakeUsage usage, BillingReason reason) =>
        _requests.Enqueue(new BilledRequest(model, prompt, usage.InputTokens, usage.OutputTokens, reason, DateTimeOffset.UtcNow));

    public decimal Usd(Func<string, FakePrice> priceOf) =>
        _requests.Sum(request =>
        {
            var price = priceOf(request.Model);
            return (request.InputTokens * price.InputPerMillion + request.OutputTokens * price.OutputPerMillion) / 1_000_000m;
        });
}
