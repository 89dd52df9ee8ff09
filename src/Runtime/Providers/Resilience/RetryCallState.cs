namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>One call through the retry pipeline: what is sent, how many attempts it took and how many were unreadable.</summary>
internal sealed class RetryCallState(IModelClient inner, ModelRequest request)
{
    public ModelRequest Request => request;

    public int Attempts { get; private set; }

    /// <summary>Attempts answered 200 with something unusable (billed all the same).</summary>
    public int UnreadableAnswers { get; private set; }

    public async Task<ModelResponse> AttemptAsync(CancellationToken cancellationToken)
    {
        Attempts++;
        try
        {
            return await inner.CompleteAsync(request, cancellationToken);
        }
        catch (ModelCallException failure) when (failure.UnreadableAnswer)
        {
            UnreadableAnswers++;
            throw;
        }
    }
}
