namespace ItemEval.Runtime.Providers;

/// <summary>A call that failed for good (after any retries); the cell is stored as an error with this message.</summary>
public sealed class ModelCallException : Exception
{
    public ModelCallException(string message, int? statusCode = null, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
    }

    public int? StatusCode { get; }
}
