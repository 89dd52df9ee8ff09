namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>One call through the retry pipeline: what is sent, and how many attempts it took.</summary>
internal sealed class RetryCallState(IModelClient inner, ModelRequest request)
{
    public ModelRequest Request => request;

    public int Attempts { get; private set; }

    public Task<ModelResponse> AttemptAsync(CancellationToken cancellationToken)
    {
        Attempts++;
        return inner.CompleteAsync(request, cancellationToken);
    }
}
