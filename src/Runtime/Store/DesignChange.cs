namespace ItemEval.Runtime.Store;

/// <summary>What bringing the stored cells up to the current grid changed: only these rows were written.</summary>
/// <param name="Cells">Cells in the current grid.</param>
/// <param name="Added">Cells new to the grid (a new item, condition or epoch).</param>
/// <param name="Rekeyed">Cells whose content key changed (an edited template, item or parameter): stale.</param>
/// <param name="Removed">Cells no longer in the grid.</param>
/// <param name="Compared">
/// Cells hashed, staged and compared with the stored ones: those of the conditions whose grid fingerprint changed. The
/// other conditions' cells cost nothing, so an edit costs in proportion to the conditions it touches.
/// </param>
public sealed record DesignChange(long Cells, long Added, long Rekeyed, long Removed, long Compared);
