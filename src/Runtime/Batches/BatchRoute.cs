namespace ItemEval.Runtime.Batches;

/// <summary>Where a model's pending cells go, and why when it is not the batch API the study asked for.</summary>
internal enum BatchRoute
{
    /// <summary>The study (or the run policy) does not batch this model.</summary>
    Interactive,

    /// <summary>The provider's batch API.</summary>
    Batch,

    /// <summary>Batching was asked for, but the provider has no batch API ItemEval speaks.</summary>
    NoBatchApi,

    /// <summary><c>auto</c>, with fewer pending cells than <c>batch_min_cells</c>.</summary>
    TooFewCells,
}
