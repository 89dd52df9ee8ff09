namespace ItemEval.FakeProviders;

/// <summary>Why the fake provider billed a request: it produced something, whether or not the client could use it.</summary>
public enum BillingReason
{
    /// <summary>A proper answer (including an empty one).</summary>
    Answered,

    /// <summary>A 200 whose body is not JSON.</summary>
    Malformed,

    /// <summary>A 200 whose body is an error object.</summary>
    ErrorIn200,

    /// <summary>The client went away after the server had started working on the request (a timeout, a cancel).</summary>
    Disconnected,

    /// <summary>A request a batch completed: billed at the batch rate (half the list price).</summary>
    Batch,
}
