namespace ItemEval.Runtime.Design;

/// <summary>
/// One unit of work: a condition applied to an item in one epoch. <see cref="Key"/> hashes the item's content,
/// the model, the effective parameters, the template's content and the epoch: when it changes, the cell is stale.
/// </summary>
public sealed record Cell(string ConditionId, string ItemUid, int Epoch, string Key);
