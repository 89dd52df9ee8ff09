namespace ItemEval.FakeProviders;

/// <summary>How the fake server misbehaves for one request.</summary>
internal enum FaultKind
{
    /// <summary>Refuses with an HTTP status (429, 5xx, 4xx): not billed.</summary>
    Status,

    /// <summary>Works on the request forever, until the client gives up: billed, as the provider did work.</summary>
    Hang,

    /// <summary>200 with a body that is not JSON: billed.</summary>
    Malformed,

    /// <summary>An empty completion that ran out of tokens: billed.</summary>
    Empty,

    /// <summary>200 whose body is the wire format's error object instead of an answer: billed.</summary>
    ErrorIn200,

    /// <summary>The connection is aborted before any work (a reset): not billed.</summary>
    Reset,
}
