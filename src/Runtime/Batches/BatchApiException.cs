namespace ItemEval.Runtime.Batches;

/// <summary>The provider's batch or files endpoint refused a request; the message has its status and words.</summary>
public sealed class BatchApiException(string message) : Exception(message);
