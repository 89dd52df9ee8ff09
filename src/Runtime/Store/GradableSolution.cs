namespace ItemEval.Runtime.Store;

/// <summary>A finished solution the grading stage reads.</summary>
public sealed record GradableSolution(string CellKey, string ItemUid, string Status, string Output)
{
    /// <summary>The condition and epoch of the cell: a pairwise judge pairs two conditions' solutions of one item and epoch.</summary>
    public string ConditionId { get; init; } = "";

    public int Epoch { get; init; }
}
