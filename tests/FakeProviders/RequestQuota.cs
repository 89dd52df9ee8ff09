namespace ItemEval.FakeProviders;

/// <summary>A model's request quota as the server's sliding minute stands after a request, for the limit headers.</summary>
/// <param name="Limit">Requests per minute the server accepts.</param>
/// <param name="Remaining">Requests it would still accept right now.</param>
/// <param name="ResetIn">Until the quota is whole again (the newest accepted request leaves the minute), as providers
/// document their reset headers.</param>
/// <param name="ResetAt"><paramref name="ResetIn"/> as a point in time, for providers that send one (Anthropic).</param>
public sealed record RequestQuota(int Limit, int Remaining, TimeSpan ResetIn, DateTimeOffset ResetAt);
