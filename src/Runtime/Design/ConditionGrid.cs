namespace ItemEval.Runtime.Design;

/// <summary>
/// One condition's share of the grid: its cells, enumerated only when asked for, and a fingerprint of everything those
/// cells are made of. ExpandGrid stores the fingerprint beside the cells; when it is unchanged at the next expansion the
/// stored cells are already exactly these, so the condition needs no key hashed and no row staged.
/// </summary>
/// <param name="Fingerprint">
/// Changes whenever any of the condition's cells would change: its id, every part its cell keys hash (model, options,
/// lane parameters, template content — and the way keys are hashed), the epochs, and the items (uids and content).
/// </param>
public sealed record ConditionGrid(Condition Condition, string Fingerprint, IEnumerable<Cell> Cells);
