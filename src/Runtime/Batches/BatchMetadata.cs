namespace ItemEval.Runtime.Batches;

/// <summary>The metadata keys ItemEval puts on a batch, so a batch created but never stored can be recognised and adopted.</summary>
public static class BatchMetadata
{
    public const string Study = "itemeval_study";
    public const string Submission = "itemeval_submission";
}
